package dev.yoi.processor.check;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Names;
import dev.yoi.processor.Reporter;
import dev.yoi.processor.model.AnnotationReader;
import dev.yoi.processor.model.Contribution;
import dev.yoi.processor.model.FeatureDecl;
import dev.yoi.processor.model.FeatureModel;
import dev.yoi.processor.model.ServiceRequestDecl;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * Ids, names, versions and durations: {@code invalid-id}, {@code invalid-tool-name},
 * {@code invalid-version}, {@code invalid-version-range}, {@code invalid-duration}. The rules are
 * the descriptor module's {@link Names}, the same the runtime applies to an index.
 */
public final class NameValidator implements FeatureValidator {
  private final Reporter reporter;
  private final String versionOption;

  /** @param versionOption the {@code -Ayoi.version} value, empty when not given */
  public NameValidator(Reporter reporter, String versionOption) {
    this.reporter = reporter;
    this.versionOption = versionOption;
  }

  @Override
  public void validate(FeatureModel model) {
    FeatureDecl f = model.feature();
    String feature = "feature " + f.slug() + " (" + f.element().getQualifiedName() + ")";
    report(DiagnosticCode.INVALID_ID, Names.checkSlug("@Feature id", f.slug()), feature,
        "change @Feature(id = ...)", f.element(), f.mirror(), "id");
    checkVersion(f, feature);
    for (Contribution c : model.contributions()) {
      String where = c.kind().noun() + " " + c.element().getQualifiedName() + " of " + feature;
      if (c instanceof Contribution.Service s) {
        report(DiagnosticCode.INVALID_ID, Names.checkSlug("service id", s.name()), where,
            "change @ProvidesService(id = ...); the provider's source qualifies it at run time,"
                + " so do not write \"builtin:\" here", c.element(), c.mirror(), "id");
        report(DiagnosticCode.INVALID_VERSION, Names.checkVersion("service version", s.version()),
            where, "change @ProvidesService(version = ...)", c.element(), c.mirror(), "version");
      } else {
        report(DiagnosticCode.INVALID_TOOL_NAME,
            Names.checkToolName(c.kind().noun() + " name", c.name()), where,
            "change " + c.kind().annotationLabel() + "(name = ...)", c.element(), c.mirror(), "name");
      }
      if (c instanceof Contribution.Task t) {
        report(DiagnosticCode.INVALID_DURATION, Names.checkDuration("every", t.every()), where,
            "change @BackgroundTaskContribution(every = ...)", c.element(), c.mirror(), "every");
      }
    }
    for (ServiceRequestDecl r : f.requiredServices()) {
      report(DiagnosticCode.INVALID_ID, Names.checkQualifiedId("@RequiresService id", r.id()),
          feature, "change @RequiresService(id = ...)", f.element(), r.mirror(), "id");
      report(DiagnosticCode.INVALID_VERSION_RANGE,
          Names.checkVersionRange("@RequiresService(id = \"" + r.id() + "\") version", r.version()),
          feature, "change @RequiresService(version = ...)", f.element(), r.mirror(), "version");
    }
  }

  private void checkVersion(FeatureDecl f, String feature) {
    if (!f.version().isEmpty()) {
      report(DiagnosticCode.INVALID_VERSION, Names.checkVersion("@Feature version", f.version()),
          feature, "change @Feature(version = ...)", f.element(), f.mirror(), "version");
    } else if (versionOption.isEmpty()) {
      reporter.error(DiagnosticCode.INVALID_VERSION, feature + " has no version: @Feature(version)"
          + " is empty and the processor option -A" + "yoi.version is not set. Write"
          + " @Feature(version = \"1.0.0\"), or pass -Ayoi.version=<SemVer 2.0 version> to javac"
          + " (Maven: <compilerArgs><arg>-Ayoi.version=${project.version}</arg></compilerArgs>).",
          f.element(), f.mirror());
    } else {
      Optional<String> problem = Names.checkVersion("processor option -Ayoi.version", versionOption);
      problem.ifPresent(p -> reporter.error(DiagnosticCode.INVALID_VERSION, feature + " takes its"
          + " version from the processor option, but " + p + ". Pass a SemVer 2.0 version"
          + " (e.g. -Ayoi.version=1.4.0), or write @Feature(version = \"1.4.0\").",
          f.element(), f.mirror()));
    }
  }

  private void report(DiagnosticCode code, Optional<String> problem, String where, String fix,
      Element element, AnnotationMirror mirror, String attribute) {
    problem.ifPresent(p -> reporter.error(code, where + ": " + p + "; " + fix + ".",
        element, mirror, AnnotationReader.explicit(mirror, attribute).orElse(null)));
  }
}
