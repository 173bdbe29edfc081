package dev.yoi.pod.internal.secret;

import dev.yoi.pod.SecretResolver;
import dev.yoi.pod.secret.Secret;
import java.util.Objects;
import java.util.Optional;

/** A handle on one secret, read through the host's resolver on every {@link #value()}. */
public final class SecretHandle implements Secret {
  private final String id;
  private final SecretResolver resolver;

  public SecretHandle(String id, SecretResolver resolver) {
    this.id = Objects.requireNonNull(id, "id");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Optional<String> value() {
    Optional<String> value = resolver.resolve(id);
    return value == null ? Optional.empty() : value;
  }

  /** Never the value: handles end up in logs and exception messages. */
  @Override
  public String toString() {
    return "Secret[" + id + ", value hidden]";
  }
}
