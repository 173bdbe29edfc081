package dev.yoi.feature;

import dev.yoi.feature.annotation.AuthorityKind;
import java.util.Set;

/** The authorities granted to one feature, as {@code KIND} or {@code KIND:scope} labels. */
public interface Grants {
  /** Whether {@code kind} with exactly {@code scope} (empty: the whole kind) was granted. */
  boolean has(AuthorityKind kind, String scope);

  /** Whether any grant of {@code kind} was given. */
  boolean hasAny(AuthorityKind kind);

  /** Granted labels, sorted. */
  Set<String> granted();

  /** Requested but denied labels, sorted. */
  Set<String> denied();
}
