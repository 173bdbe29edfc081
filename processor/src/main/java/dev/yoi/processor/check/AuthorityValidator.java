package dev.yoi.processor.check;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.processor.Reporter;
import dev.yoi.processor.model.AnnotationReader;
import dev.yoi.processor.model.AuthorityDecl;
import dev.yoi.processor.model.Contribution;
import dev.yoi.processor.model.FeatureModel;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;

/** {@code authority-not-requested}: a tool requires a kind its feature does not request. */
public final class AuthorityValidator implements FeatureValidator {
  private final Reporter reporter;

  public AuthorityValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  @Override
  public void validate(FeatureModel model) {
    Set<AuthorityKind> requested = EnumSet.noneOf(AuthorityKind.class);
    for (AuthorityDecl a : model.feature().authorities()) {
      requested.add(a.kind());
    }
    String featureClass = model.feature().element().getSimpleName().toString();
    for (Contribution.Tool tool : model.tools()) {
      Set<AuthorityKind> reported = EnumSet.noneOf(AuthorityKind.class);
      List<AnnotationValue> values = AnnotationReader.explicit(tool.mirror(), "requires").isPresent()
          ? AnnotationReader.list(tool.mirror(), "requires")
          : List.of();
      for (int i = 0; i < tool.requires().size(); i++) {
        AuthorityKind kind = tool.requires().get(i);
        if (requested.contains(kind) || !reported.add(kind)) {
          continue;
        }
        AnnotationValue value = i < values.size() ? values.get(i)
            : AnnotationReader.explicit(tool.mirror(), "requires").orElse(null);
        reporter.error(DiagnosticCode.AUTHORITY_NOT_REQUESTED, "tool \"" + tool.name() + "\" ("
            + tool.element().getQualifiedName() + ") requires " + kind + ", which its feature "
            + model.slug() + " (" + model.feature().element().getQualifiedName() + ") does not"
            + " request" + (requested.isEmpty() ? " (it requests none)" : " (it requests "
                + requested + ")") + ". Add @RequiresAuthority(value = AuthorityKind." + kind
            + ", reason = \"...\") to " + featureClass + ", or remove " + kind + " from requires.",
            tool.element(), tool.mirror(), value);
      }
    }
  }
}
