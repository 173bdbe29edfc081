package dev.yoi.pod;

import dev.yoi.pod.secret.Secret;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the host looks up secret values by id (a keychain, a vault, the environment). Called each
 * time a feature reads a {@link Secret}, so rotations take effect.
 */
@FunctionalInterface
public interface SecretResolver {
  /** The value of secret {@code id}, or empty if there is none. */
  Optional<String> resolve(String id);

  /**
   * The default: environment variables. Secret {@code weather-api-key} is read from the variable
   * named exactly so, else from {@code WEATHER_API_KEY} (upper case, every other character than a
   * letter or digit turned into {@code _}).
   */
  static SecretResolver environment() {
    return variables(System::getenv);
  }

  /** Like {@link #environment()}, over a given map of variables (for tests and embedding). */
  static SecretResolver fromMap(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return variables(copy::get);
  }

  /** The variable name {@link #environment()} falls back to for {@code id}. */
  static String variableName(String id) {
    StringBuilder name = new StringBuilder(id.length());
    for (char c : id.toCharArray()) {
      name.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
    }
    return name.toString().toUpperCase(Locale.ROOT);
  }

  private static SecretResolver variables(Function<String, String> lookup) {
    return id -> {
      Objects.requireNonNull(id, "id");
      String value = lookup.apply(id);
      if (value == null) {
        value = lookup.apply(variableName(id));
      }
      return Optional.ofNullable(value);
    };
  }
}
