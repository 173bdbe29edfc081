package dev.yoi.processor.check;

import static dev.yoi.descriptor.DescriptorChecks.line;

import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Names;
import dev.yoi.descriptor.Problem;
import dev.yoi.descriptor.VersionChecks;
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
 * {@code invalid-version}, {@code invalid-version-range}, {@code invalid-duration}, and
 * {@code control-character} before any of them. The rules are the descriptor module's
 * ({@link Names}, {@link ControlCharacters}, in the order {@code DescriptorChecks.line} gives), the
 * same the runtime applies to an index. Versions and ranges go through one {@link VersionChecks}
 * per compilation: a module's features repeat a handful of them, and semver4j's parse is the
 * costly part of a check.
 */
public final class NameValidator implements FeatureValidator {
  private final Reporter reporter;
  private final String versionOption;
  private final VersionChecks versions = new VersionChecks();

  /** @param versionOption the {@code -Ayoi.version} value, empty when not given */
  public NameValidator(Reporter reporter, String versionOption) {
    this.reporter = reporter;
    this.versionOption = versionOption;
  }

  @Override
  public void validate(FeatureModel model) {
    FeatureDecl f = model.feature();
    String feature = "feature " + model.slug() + " (" + f.element().getQualifiedName() + ")";
    report(line("@Feature id", f.slug(), DiagnosticCode.INVALID_ID, Names::checkSlug), feature,
        "change @Feature(id = ...)", f.element(), f.mirror(), "id");
    checkVersion(f, feature);
    for (Contribution c : model.contributions()) {
      String where = c.kind().noun() + " " + c.element().getQualifiedName() + " of " + feature;
      if (c instanceof Contribution.Service s) {
        report(line("service id", s.name(), DiagnosticCode.INVALID_ID, Names::checkSlug), where,
            "change @ProvidesService(id = ...); the provider's source qualifies it at run time,"
                + " so do not write \"builtin:\" here", c.element(), c.mirror(), "id");
        report(line("service version", s.version(), DiagnosticCode.INVALID_VERSION, versions::version),
            where, "change @ProvidesService(version = ...)", c.element(), c.mirror(), "version");
      } else {
        report(line(c.kind().noun() + " name", c.name(), DiagnosticCode.INVALID_TOOL_NAME,
            Names::checkToolName), where,
            "change " + c.kind().annotationLabel() + "(name = ...)", c.element(), c.mirror(), "name");
      }
      if (c instanceof Contribution.Task t) {
        report(line("every", t.every(), DiagnosticCode.INVALID_DURATION, Names::checkDuration), where,
            "change @BackgroundTaskContribution(every = ...)", c.element(), c.mirror(), "every");
      }
    }
    for (ServiceRequestDecl r : f.requiredServices()) {
      report(line("@RequiresService id", r.id(), DiagnosticCode.INVALID_ID, Names::checkQualifiedId),
          feature, "change @RequiresService(id = ...)", f.element(), r.mirror(), "id");
      report(line("@RequiresService(id = " + ControlCharacters.quote(r.id()) + ") version", r.version(),
          DiagnosticCode.INVALID_VERSION_RANGE, versions::range),
          feature, "change @RequiresService(version = ...)", f.element(), r.mirror(), "version");
    }
  }

  private void checkVersion(FeatureDecl f, String feature) {
    if (!f.version().isEmpty()) {
      report(line("@Feature version", f.version(), DiagnosticCode.INVALID_VERSION, versions::version),
          feature, "change @Feature(version = ...)", f.element(), f.mirror(), "version");
    } else if (versionOption.isEmpty()) {
      reporter.error(DiagnosticCode.INVALID_VERSION, feature + " has no version: @Feature(version)"
          + " is empty and the processor option -A" + "yoi.version is not set. Write"
          + " @Feature(version = \"1.0.0\"), or pass -Ayoi.version=<SemVer 2.0 version> to javac"
          + " (Maven: <compilerArgs><arg>-Ayoi.version=${project.version}</arg></compilerArgs>).",
          f.element(), f.mirror());
    } else {
      Optional<String> problem = versions.version("processor option -Ayoi.version", versionOption);
      problem.ifPresent(p -> reporter.error(DiagnosticCode.INVALID_VERSION, feature + " takes its"
          + " version from the processor option, but " + p + ". Pass a SemVer 2.0 version"
          + " (e.g. -Ayoi.version=1.4.0), or write @Feature(version = \"1.4.0\").",
          f.element(), f.mirror()));
    }
  }

  private void report(Optional<Problem> problem, String where, String fix,
      Element element, AnnotationMirror mirror, String attribute) {
    problem.ifPresent(p -> reporter.error(p.prefixed(where + ": ").suffixed("; " + fix + "."),
        element, mirror, AnnotationReader.explicit(mirror, attribute).orElse(null)));
  }
}
