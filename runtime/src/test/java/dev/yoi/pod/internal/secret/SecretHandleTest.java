package dev.yoi.pod.internal.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.yoi.pod.SecretResolver;
import dev.yoi.pod.secret.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SecretHandleTest {
  @Test
  void toStringNeverShowsTheValue() {
    Secret secret = new SecretHandle("weather-api-key", SecretResolver.fromMap(Map.of("weather-api-key", "s3cr3t")));
    assertEquals(Optional.of("s3cr3t"), secret.value());
    assertFalse(secret.toString().contains("s3cr3t"));
    assertEquals("Secret[weather-api-key, value hidden]", secret.toString());
  }

  @Test
  void theValueIsResolvedOnEveryReadSoRotationsTakeEffect() {
    AtomicReference<String> current = new AtomicReference<>("old");
    Secret secret = new SecretHandle("token", id -> Optional.of(current.get()));
    assertEquals(Optional.of("old"), secret.value());
    current.set("new");
    assertEquals(Optional.of("new"), secret.value());
  }

  @Test
  void variablesAreFoundByExactIdThenByTheirUpperCaseName() {
    SecretResolver resolver = SecretResolver.fromMap(Map.of("WEATHER_API_KEY", "upper", "exact.id", "exact"));
    assertEquals(Optional.of("upper"), resolver.resolve("weather-api-key"));
    assertEquals(Optional.of("exact"), resolver.resolve("exact.id"));
    assertEquals(Optional.empty(), resolver.resolve("missing"));
    assertEquals("WEATHER_API_KEY", SecretResolver.variableName("weather-api-key"));
  }
}
