package dev.yoi.mcp.bridge;

import java.util.Optional;

/** The host's secret lookup, by {@code SECRET_REF} scope; asked only for secrets the grants allow. */
@FunctionalInterface
public interface SecretValues {
  /** The current value of secret {@code id}, or empty if the host has none. */
  Optional<String> value(String id);
}
