package dev.yoi.builtins.reminders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.yoi.builtins.task.InMemoryTaskStore;
import dev.yoi.builtins.task.Task;
import dev.yoi.builtins.task.TaskChange;
import dev.yoi.builtins.task.TaskStatus;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.task.TaskContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reminder's rules, run against a store and a recording context, one run at a time. */
class StaleTaskReminderTest {
  private final InMemoryTaskStore store = new InMemoryTaskStore();
  private final TaskRemindersFeature.StaleTaskReminder reminder = new TaskRemindersFeature.StaleTaskReminder(store);
  private final List<String> notes = new ArrayList<>();

  @Test
  void aTaskUpdatedInTheLastTurnIsNotStale() {
    Task task = start("Pack");
    store.turnEnded(1);

    reminder.run(context());

    assertEquals(List.of(), notes);
  }

  @Test
  void aStaleTaskIsRemindedOnceUntilItChangesAndGoesStaleAgain() {
    Task task = start("Pack");
    store.turnEnded(1);
    store.turnEnded(2);

    reminder.run(context());
    reminder.run(context());
    assertEquals(1, notes.size());

    store.update(task.id(), new TaskChange(Optional.of("Pack light"), Optional.empty(), Optional.empty()));
    store.turnEnded(3);
    store.turnEnded(4);
    reminder.run(context());

    assertEquals(2, notes.size());
    assertEquals("Task #1 [IN_PROGRESS] Pack light is still in progress but went a whole turn without"
        + " an update. If it is done, mark it COMPLETED with TaskUpdate; if it is blocked, say so in"
        + " its description.", notes.get(1));
  }

  @Test
  void pendingAndCompletedTasksAreNeverStale() {
    store.create("Someday", "");
    Task done = start("Pack");
    store.update(done.id(), new TaskChange(Optional.empty(), Optional.empty(), Optional.of(TaskStatus.COMPLETED)));
    store.turnEnded(5);

    reminder.run(context());

    assertEquals(List.of(), notes);
  }

  @Test
  void severalStaleTasksShareOneNote() {
    start("Pack");
    start("Book a taxi");
    store.turnEnded(1);
    store.turnEnded(2);

    reminder.run(context());

    assertEquals(List.of("Tasks #1 [IN_PROGRESS] Pack; #2 [IN_PROGRESS] Book a taxi are still in progress"
        + " but went a whole turn without an update. Mark the finished ones COMPLETED with TaskUpdate;"
        + " say in a description what blocks the others."), notes);
  }

  private Task start(String subject) {
    Task task = store.create(subject, "");
    return store.update(task.id(), new TaskChange(Optional.empty(), Optional.empty(), Optional.of(TaskStatus.IN_PROGRESS)));
  }

  private TaskContext context() {
    return new TaskContext() {
      @Override
      public String taskName() {
        return "stale-task-reminder";
      }

      @Override
      public String featureId() {
        return "builtin:task-reminders";
      }

      @Override
      public boolean isCancelled() {
        return false;
      }

      @Override
      public boolean awaitCancellation(Duration timeout) {
        return false;
      }

      @Override
      public ModelNotifier notifier() {
        return notes::add;
      }

      @Override
      public Alerts alerts() {
        return (level, message) -> {};
      }
    };
  }
}
