package dev.yoi.pod;

import dev.yoi.pod.notify.Alerts;
import java.util.Objects;

/**
 * One transient, human-facing message from a feature.
 *
 * @param featureId the feature that raised it, e.g. {@code builtin:task-reminders}
 * @param level how urgent
 * @param message what the person reads
 */
public record Alert(String featureId, Alerts.Level level, String message) {
  public Alert {
    Objects.requireNonNull(featureId, "featureId");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(message, "message");
  }
}
