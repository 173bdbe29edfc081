package dev.yoi.descriptor;

import dev.yoi.feature.annotation.AuthorityKind;
import java.util.Objects;

/**
 * An authority the feature requests.
 *
 * @param kind the kind
 * @param scope what it covers; empty for the whole kind
 * @param optional whether the feature installs (without the contributions that need it) if denied
 * @param reason what the approving person reads
 */
public record AuthorityRequest(AuthorityKind kind, String scope, boolean optional, String reason) {
  public AuthorityRequest {
    Objects.requireNonNull(kind, "kind");
    scope = scope == null ? "" : scope;
    Objects.requireNonNull(reason, "reason");
  }

  /** What it asks for: {@code KIND} or {@code KIND:scope}, as prompts, locks and reports show it. */
  public AuthorityLabel label() {
    return new AuthorityLabel(kind, scope);
  }
}
