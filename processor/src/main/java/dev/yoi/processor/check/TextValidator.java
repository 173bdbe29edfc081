package dev.yoi.processor.check;

import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.descriptor.Problem;
import dev.yoi.processor.Reporter;
import dev.yoi.processor.model.AnnotationReader;
import dev.yoi.processor.model.Contribution;
import dev.yoi.processor.model.FeatureDecl;
import dev.yoi.processor.model.FeatureModel;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * {@code control-character} in the declared strings no other check has a grammar for: the feature's
 * name (one line) and the descriptions of the feature, its tools and its tasks (line feeds and tabs
 * allowed). Ids, versions, names, scopes and reasons are checked for control characters by the
 * validators that own them, before their grammar. The rule is the descriptor module's
 * {@link ControlCharacters}, the same the runtime applies to an index line.
 */
public final class TextValidator implements FeatureValidator {
  private final Reporter reporter;

  public TextValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  @Override
  public void validate(FeatureModel model) {
    FeatureDecl f = model.feature();
    String feature = "feature " + model.slug() + " (" + f.element().getQualifiedName() + ")";
    report(ControlCharacters.checkLine("@Feature name", f.name()), feature, "@Feature(name = ...)",
        f.element(), f.mirror(), "name");
    report(ControlCharacters.checkText("@Feature description", f.description()), feature,
        "@Feature(description = ...)", f.element(), f.mirror(), "description");
    for (Contribution c : model.contributions()) {
      String description = c instanceof Contribution.Tool t ? t.description()
          : c instanceof Contribution.Task t ? t.description() : null;
      if (description != null) {
        report(ControlCharacters.checkText(c.kind().noun() + " description", description),
            c.kind().noun() + " " + c.element().getQualifiedName() + " of " + feature,
            c.kind().annotationLabel() + "(description = ...)", c.element(), c.mirror(), "description");
      }
    }
  }

  private void report(Optional<Problem> problem, String where, String fix, Element element,
      AnnotationMirror mirror, String attribute) {
    problem.ifPresent(p -> reporter.error(p.prefixed(where + ": ").suffixed("; change " + fix + "."),
        element, mirror, AnnotationReader.explicit(mirror, attribute).orElse(null)));
  }
}
