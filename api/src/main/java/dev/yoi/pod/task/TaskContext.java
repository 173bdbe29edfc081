package dev.yoi.pod.task;

import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import java.time.Duration;

/** What a background task sees: cancellation and the feature's channels. */
public interface TaskContext {
  /** The task's declared name. */
  String taskName();

  /** The full id of the feature that contributed the task. */
  String featureId();

  /** Whether the host asked the task to stop; check it often. */
  boolean isCancelled();

  /**
   * Waits up to {@code timeout} or until cancelled, whichever is first.
   *
   * @return true if cancelled
   */
  boolean awaitCancellation(Duration timeout) throws InterruptedException;

  /** Adds system items to the model's history; needs the feature's {@code MODEL_NOTIFICATION}. */
  ModelNotifier notifier();

  /** Transient, human-facing messages. */
  Alerts alerts();
}
