package dev.yoi.processor.check;

import dev.yoi.descriptor.AuthorityScopes;
import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Problem;
import dev.yoi.processor.Reporter;
import dev.yoi.processor.model.AnnotationReader;
import dev.yoi.processor.model.AuthorityDecl;
import dev.yoi.processor.model.FeatureDecl;
import dev.yoi.processor.model.FeatureModel;
import dev.yoi.processor.model.ServiceRequestDecl;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;

/**
 * What a person approving the feature reads: {@code missing-reason} (a blank reason on a service or
 * authority request), and the scope of each authority request as the descriptor module's
 * {@link AuthorityScopes} judges it, the same rule the runtime applies to index lines:
 * {@code missing-scope} (a kind that needs a scope has none) or {@code invalid-scope} (a scope
 * outside its kind's grammar); and {@code control-character} in a reason (line feeds and tabs are
 * fine there).
 */
public final class RequestValidator implements FeatureValidator {
  private final Reporter reporter;

  public RequestValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  @Override
  public void validate(FeatureModel model) {
    FeatureDecl f = model.feature();
    String feature = "feature " + model.slug() + " (" + f.element().getQualifiedName() + ")";
    for (AuthorityDecl a : f.authorities()) {
      String request = "@RequiresAuthority(" + a.kind() + (a.scope().isEmpty() ? "" : ", scope = "
          + ControlCharacters.quote(a.scope())) + ")";
      if (a.reason().isBlank()) {
        reporter.error(DiagnosticCode.MISSING_REASON, feature + ": " + request + " has a blank"
            + " reason; the person approving the feature reads it in the permission prompt. Write"
            + " why the feature needs it, e.g. reason = \"Fetches the forecast\".",
            f.element(), a.mirror(), AnnotationReader.explicit(a.mirror(), "reason").orElse(null));
      } else {
        controlCharacter(ControlCharacters.checkText("reason of " + request, a.reason()), feature,
            "@RequiresAuthority(reason = ...)", f, a.mirror());
      }
      AuthorityScopes.check(a.kind(), a.scope()).ifPresent(problem -> reporter.error(
          problem.prefixed(feature + ", " + request + ": ").suffixed("."),
          f.element(), a.mirror(), AnnotationReader.explicit(a.mirror(), "scope").orElse(null)));
    }
    for (ServiceRequestDecl r : f.requiredServices()) {
      if (r.reason().isBlank()) {
        reporter.error(DiagnosticCode.MISSING_REASON, feature + ": @RequiresService(id = "
            + ControlCharacters.quote(r.id()) + ") has a blank reason; the person approving the"
            + " feature reads it. Write why the feature needs the service.",
            f.element(), r.mirror(), AnnotationReader.explicit(r.mirror(), "reason").orElse(null));
      } else {
        controlCharacter(ControlCharacters.checkText("reason of @RequiresService(id = "
            + ControlCharacters.quote(r.id()) + ")", r.reason()), feature,
            "@RequiresService(reason = ...)", f, r.mirror());
      }
    }
  }

  private void controlCharacter(Optional<Problem> problem, String feature, String attribute,
      FeatureDecl f, AnnotationMirror mirror) {
    problem.ifPresent(p -> reporter.error(p.prefixed(feature + ": ").suffixed("; change " + attribute + "."),
        f.element(), mirror, AnnotationReader.explicit(mirror, "reason").orElse(null)));
  }
}
