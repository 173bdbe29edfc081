package dev.yoi.pod.task;

/** Where a supervised background task is in its life. */
public enum TaskState {
  /** About to call {@code run} (first start or a restart). */
  STARTING,
  /** Inside {@code run}, or a periodic task waiting for its next period. */
  RUNNING,
  /** Failed (or, with {@code ALWAYS}, returned) and waiting before it is restarted. */
  BACKOFF,
  /** Ended normally: returned under {@code NEVER}/{@code ON_FAILURE}, or stopped by the host. */
  STOPPED,
  /** Ended by a failure it may not restart from, or abandoned when it ignored cancellation. */
  FAILED
}
