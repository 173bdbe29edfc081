package dev.yoi.descriptor;

import dev.yoi.feature.annotation.AuthorityKind;
import java.util.Arrays;
import java.util.Objects;

/**
 * What one authority grant covers: a kind, and a scope or none ({@code KIND} or {@code KIND:scope},
 * e.g. {@code STATE_STORE:memory}, {@code SERVICE_ACCESS:builtin:keys}). The value grants, locks,
 * reports and prompts speak of; its string form is what the lock file and the report JSON hold.
 * Ordered by that string form, so sorted labels list as they always have.
 *
 * @param scope empty for the whole kind
 */
public record AuthorityLabel(AuthorityKind kind, String scope) implements Comparable<AuthorityLabel> {
  public AuthorityLabel {
    Objects.requireNonNull(kind, "kind");
    scope = scope == null ? "" : scope;
  }

  /** The whole of {@code kind}, no scope. */
  public static AuthorityLabel of(AuthorityKind kind) {
    return new AuthorityLabel(kind, "");
  }

  /**
   * The label written {@code text}: {@code KIND} or {@code KIND:scope} (the scope is everything
   * after the first colon, so it may hold colons itself).
   *
   * @throws IllegalArgumentException if {@code KIND} is not an {@link AuthorityKind}
   */
  public static AuthorityLabel parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    String kind = colon < 0 ? text : text.substring(0, colon);
    for (AuthorityKind candidate : AuthorityKind.values()) {
      if (candidate.name().equals(kind)) {
        return new AuthorityLabel(candidate, colon < 0 ? "" : text.substring(colon + 1));
      }
    }
    throw new IllegalArgumentException("\"" + text + "\" is not an authority label (KIND or KIND:scope,"
        + " KIND one of " + Arrays.toString(AuthorityKind.values()) + ")");
  }

  /** {@code KIND} or {@code KIND:scope}. */
  @Override
  public String toString() {
    return scope.isEmpty() ? kind.name() : kind.name() + ":" + scope;
  }

  @Override
  public int compareTo(AuthorityLabel other) {
    return toString().compareTo(other.toString());
  }
}
