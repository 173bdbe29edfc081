package dev.yoi.pod.secret;

import java.util.Optional;

/**
 * A handle on one secret, resolved by the host's resolver each time it is read, so rotations take
 * effect. {@code toString} never shows the value.
 */
public interface Secret {
  /** The secret id (the {@code SECRET_REF} scope). */
  String id();

  /** The current value, or empty if the resolver has none. */
  Optional<String> value();
}
