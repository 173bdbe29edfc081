package dev.yoi.pod.task;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one supervised task.
 *
 * @param featureId the contributing feature
 * @param name the task's declared name
 * @param state where it is now
 * @param starts how many times {@code run} was called
 * @param failures how many times {@code run} failed in all
 * @param backoff the wait before the next start, while in {@link TaskState#BACKOFF}; otherwise zero
 * @param lastFailure the last failure, as {@code ExceptionClass: message}
 */
public record TaskStatus(
    String featureId,
    String name,
    TaskState state,
    long starts,
    long failures,
    Duration backoff,
    Optional<String> lastFailure) {
  public TaskStatus {
    Objects.requireNonNull(featureId, "featureId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(lastFailure, "lastFailure");
  }

  /** {@code featureId/name}, how threads and diagnostics name the task. */
  public String label() {
    return featureId + "/" + name;
  }
}
