package dev.yoi.descriptor;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One environment variable an MCP server process gets: a literal {@code value}, or the value of
 * the secret {@code secret} (a {@code SECRET_REF} scope the feature requests), passed only while
 * that scope is granted. Exactly one of the two is set; the other is null and absent from JSON.
 *
 * @param name the variable, e.g. {@code WEATHER_API_KEY}
 * @param value the literal value, or null
 * @param secret the secret id, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvVariable(String name, String value, String secret) {
  public EnvVariable {
    Objects.requireNonNull(name, "name");
  }

  /** {@code name=value}. */
  public static EnvVariable literal(String name, String value) {
    return new EnvVariable(name, Objects.requireNonNull(value, "value"), null);
  }

  /** {@code name} from the secret {@code secretId}. */
  public static EnvVariable fromSecret(String name, String secretId) {
    return new EnvVariable(name, null, Objects.requireNonNull(secretId, "secretId"));
  }

  /** Whether the value comes from a secret. */
  public boolean usesSecret() {
    return secret != null;
  }
}
