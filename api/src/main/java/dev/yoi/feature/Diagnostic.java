package dev.yoi.feature;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One problem or note, in the same vocabulary as the processor's errors.
 *
 * @param code e.g. {@code yoi/authority-denied}
 * @param severity how bad
 * @param featureId the feature it concerns, e.g. {@code project:weather}; empty if none
 * @param message starts with {@code [code]}; says what was expected, what was found, how to fix it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"code", "severity", "featureId", "message"})
public record Diagnostic(String code, Severity severity, String featureId, String message) {
  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    featureId = featureId == null ? "" : featureId;
    Objects.requireNonNull(message, "message");
  }
}
