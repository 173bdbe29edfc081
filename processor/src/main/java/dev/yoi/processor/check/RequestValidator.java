package dev.yoi.processor.check;

import dev.yoi.descriptor.AuthorityScopes;
import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.processor.Reporter;
import dev.yoi.processor.model.AnnotationReader;
import dev.yoi.processor.model.AuthorityDecl;
import dev.yoi.processor.model.FeatureDecl;
import dev.yoi.processor.model.FeatureModel;
import dev.yoi.processor.model.ServiceRequestDecl;

/**
 * What a person approving the feature reads: {@code missing-reason} (a blank reason on a service or
 * authority request), and the scope of each authority request as the descriptor module's
 * {@link AuthorityScopes} judges it, the same rule the runtime applies to index lines:
 * {@code missing-scope} (a kind that needs a scope has none) or {@code invalid-scope} (a scope
 * outside its kind's grammar).
 */
public final class RequestValidator implements FeatureValidator {
  private final Reporter reporter;

  public RequestValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  @Override
  public void validate(FeatureModel model) {
    FeatureDecl f = model.feature();
    String feature = "feature " + f.slug() + " (" + f.element().getQualifiedName() + ")";
    for (AuthorityDecl a : f.authorities()) {
      String request = "@RequiresAuthority(" + a.kind() + (a.scope().isEmpty() ? "" : ", scope = "
          + ControlCharacters.quote(a.scope())) + ")";
      if (a.reason().isBlank()) {
        reporter.error(DiagnosticCode.MISSING_REASON, feature + ": " + request + " has a blank"
            + " reason; the person approving the feature reads it in the permission prompt. Write"
            + " why the feature needs it, e.g. reason = \"Fetches the forecast\".",
            f.element(), a.mirror(), AnnotationReader.explicit(a.mirror(), "reason").orElse(null));
      }
      AuthorityScopes.check(a.kind(), a.scope()).ifPresent(problem -> reporter.error(problem.code(),
          feature + ", " + request + ": " + problem.detail() + ".",
          f.element(), a.mirror(), AnnotationReader.explicit(a.mirror(), "scope").orElse(null)));
    }
    for (ServiceRequestDecl r : f.requiredServices()) {
      if (r.reason().isBlank()) {
        reporter.error(DiagnosticCode.MISSING_REASON, feature + ": @RequiresService(id = \"" + r.id()
            + "\") has a blank reason; the person approving the feature reads it. Write why the"
            + " feature needs the service.",
            f.element(), r.mirror(), AnnotationReader.explicit(r.mirror(), "reason").orElse(null));
      }
    }
  }
}
