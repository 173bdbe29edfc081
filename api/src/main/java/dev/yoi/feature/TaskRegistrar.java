package dev.yoi.feature;

import dev.yoi.pod.task.BackgroundTask;

/** Registers background tasks declared with {@code @BackgroundTaskContribution}. */
public interface TaskRegistrar {
  void register(BackgroundTask task);
}
