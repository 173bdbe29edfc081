package dev.yoi.feature.annotation;

/** What the host's task supervisor does when a background task's {@code run} ends. */
public enum RestartPolicy {
  /** Never restart: the task ends in state stopped (returned) or failed (threw). */
  NEVER,
  /** Restart after a failure, with bounded exponential backoff; a normal return stops the task. */
  ON_FAILURE,
  /** Restart whenever {@code run} ends, with backoff after failures. */
  ALWAYS
}
