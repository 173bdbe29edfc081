package dev.yoi.pod.task;

/**
 * Work the host runs for a feature on its own supervisor thread. Declare it with
 * {@link dev.yoi.feature.annotation.BackgroundTaskContribution}. A periodic task ({@code every})
 * is run once per period; a run-once task runs until it returns or is cancelled, and must check
 * {@link TaskContext#isCancelled()}.
 */
@FunctionalInterface
public interface BackgroundTask {
  void run(TaskContext context) throws Exception;
}
