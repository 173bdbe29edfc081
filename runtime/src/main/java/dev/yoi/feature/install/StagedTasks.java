package dev.yoi.feature.install;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Names;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.feature.TaskRegistrar;
import dev.yoi.feature.annotation.RestartPolicy;
import dev.yoi.feature.install.FeatureContributions.TaskEntry;
import dev.yoi.pod.task.BackgroundTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A feature's background tasks: the declared ones its install registers, and the ones its
 * runtime's installer asks the host to supervise; each name once. Every task gets the feature's
 * own (grant-gated) notifier and alerts.
 */
final class StagedTasks implements TaskRegistrar {
  private final Staging staging;
  private final FeatureChannels channels;
  private final Map<String, TaskEntry> tasks = new LinkedHashMap<>();

  StagedTasks(Staging staging, FeatureChannels channels) {
    this.staging = staging;
    this.channels = channels;
  }

  @Override
  public void register(BackgroundTask task) {
    synchronized (staging) {
      staging.checkOpen("background task");
      staging.requireInstance(task, "background task", "@BackgroundTaskContribution");
      TaskDescriptor declared = null;
      for (TaskDescriptor t : staging.descriptor().backgroundTasks()) {
        if (t.className().equals(task.getClass().getName())) {
          declared = t;
          break;
        }
      }
      if (declared == null) {
        List<String> listed = new ArrayList<>();
        for (TaskDescriptor t : staging.descriptor().backgroundTasks()) {
          listed.add("\"" + t.name() + "\" (" + t.className() + ")");
        }
        throw staging.undeclared(task, "background task", "@BackgroundTaskContribution", listed);
      }
      stage(declared, task, "register each declared task once");
    }
  }

  /** A task the feature's runtime needs supervised (RuntimeFeature.supervise), staged like a declared one. */
  void supervise(String name, String description, RestartPolicy restart, BackgroundTask task) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(restart, "restart");
    Names.checkToolName("task name", name).ifPresent(problem -> {
      throw new IllegalArgumentException(problem);
    });
    synchronized (staging) {
      staging.checkOpen("background task");
      if (task == null) {
        throw staging.reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + staging.featureId()
            + " asked the host to supervise a null background task \"" + name + "\".");
      }
      stage(new TaskDescriptor(name, description, "", restart, task.getClass().getName()), task,
          "give each task its own name");
    }
  }

  private void stage(TaskDescriptor task, BackgroundTask instance, String fix) {
    staging.once(tasks, "task", task.name(), instance, fix);
    tasks.put(task.name(), new TaskEntry(staging.featureId(), task, instance, channels.notifier(), channels.alerts()));
  }

  /** The staged tasks, in registration order. */
  List<TaskEntry> staged() {
    synchronized (staging) {
      return List.copyOf(tasks.values());
    }
  }
}
