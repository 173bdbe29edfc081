package dev.yoi.builtins.reminders;

import dev.yoi.builtins.task.Task;
import dev.yoi.builtins.task.TaskStatus;
import dev.yoi.builtins.task.TaskStore;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.BackgroundTaskContribution;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.feature.annotation.RequiresAuthority;
import dev.yoi.feature.annotation.RequiresService;
import dev.yoi.pod.task.BackgroundTask;
import dev.yoi.pod.task.TaskContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reminds the model, through its history, about tasks it marked in progress and then left alone
 * for a whole turn. Uses {@code builtin:task-store}; contributes one periodic background task.
 */
@Feature(
    id = "task-reminders",
    name = "Task reminders",
    description = "Reminds the model about in-progress tasks it has not updated for a whole turn.")
@RequiresService(
    id = "builtin:task-store",
    version = "^1.0",
    type = TaskStore.class,
    reason = "Reads the task list to find in-progress tasks that went stale")
@RequiresAuthority(
    value = AuthorityKind.MODEL_NOTIFICATION,
    reason = "Adds a reminder about stale in-progress tasks to the model's history")
public final class TaskRemindersFeature implements FeatureModule {

  @Override
  public void install(InstallContext context) {
    TaskStore store = context.services().require("builtin:task-store", TaskStore.class);
    context.backgroundTasks().register(new StaleTaskReminder(store));
  }

  /**
   * Every second, finds in-progress tasks not updated during the last whole turn and reminds the
   * model once per task revision: a task is mentioned again only after it changed and went stale
   * again.
   */
  @BackgroundTaskContribution(
      name = "stale-task-reminder",
      description = "Checks the task list every second and reminds the model about stale in-progress tasks.",
      every = "PT1S")
  static final class StaleTaskReminder implements BackgroundTask {
    private final TaskStore store;
    // Task id -> the revision already reminded about. The supervisor reuses this instance across
    // restarts, so a restart does not repeat a reminder.
    private final Map<String, Integer> reminded = new ConcurrentHashMap<>();

    StaleTaskReminder(TaskStore store) {
      this.store = store;
    }

    @Override
    public void run(TaskContext context) {
      List<Task> due = staleTasks(store).stream()
          .filter(task -> !Integer.valueOf(task.revision()).equals(reminded.get(task.id())))
          .toList();
      if (due.isEmpty() || context.isCancelled()) {
        return;
      }
      context.notifier().notifyModel(reminder(due));
      due.forEach(task -> reminded.put(task.id(), task.revision()));
      // The person sees it too, on the transient channel (a status line, not history).
      context.alerts().info("Reminded the model about " + due.stream().map(task -> "#" + task.id())
          .collect(Collectors.joining(", ")) + " (in progress, untouched for a turn)");
    }
  }

  /** In-progress tasks last touched before the last turn that ended, by id. */
  static List<Task> staleTasks(TaskStore store) {
    long completed = store.completedTurns();
    return store.list().stream()
        .filter(task -> task.status() == TaskStatus.IN_PROGRESS && task.touchedInTurn() < completed)
        .toList();
  }

  static String reminder(List<Task> stale) {
    String tasks = stale.stream().map(Task::line).collect(Collectors.joining("; "));
    return stale.size() == 1
        ? "Task " + tasks + " is still in progress but went a whole turn without an update. If it"
            + " is done, mark it COMPLETED with TaskUpdate; if it is blocked, say so in its description."
        : "Tasks " + tasks + " are still in progress but went a whole turn without an update. Mark"
            + " the finished ones COMPLETED with TaskUpdate; say in a description what blocks the others.";
  }
}
