package dev.yoi.feature.install;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.annotation.AuthorityKind;

/** The message of an authority-gated handle asked for without its grant. */
final class Gates {
  private Gates() {}

  static String missing(String featureId, String what, AuthorityKind kind, String scope) {
    String label = scope.isEmpty() ? kind.name() : kind.name() + ":" + scope;
    String annotation = "@RequiresAuthority(value = AuthorityKind." + kind.name()
        + (scope.isEmpty() ? "" : ", scope = \"" + scope + "\"") + ", reason = \"...\")";
    return DiagnosticCode.AUTHORITY_DENIED.format("feature " + featureId + " tried to " + what
        + " without the grant " + label + ". Request it with " + annotation + " on the feature"
        + " class; a user or project feature then needs approval of the new request"
        + " (yoi approve " + featureId + " --lock <lock file>).");
  }
}
