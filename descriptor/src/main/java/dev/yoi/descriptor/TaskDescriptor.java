package dev.yoi.descriptor;

import dev.yoi.feature.annotation.RestartPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A declared background task.
 *
 * @param name unique within the feature
 * @param description what it does
 * @param every empty for a run-once, long-running task; otherwise an ISO-8601 duration
 * @param restart what the supervisor does when {@code run} ends
 * @param className binary name of the implementing class
 */
public record TaskDescriptor(
    String name, String description, String every, RestartPolicy restart, String className) {
  public TaskDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    every = every == null ? "" : every;
    Objects.requireNonNull(restart, "restart");
    Objects.requireNonNull(className, "className");
  }

  /** The period of a periodic task; empty for a run-once task. */
  public Optional<Duration> period() {
    return every.isEmpty() ? Optional.empty() : Optional.of(Duration.parse(every));
  }
}
