package dev.yoi.builtins.task;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.feature.annotation.HookContribution;
import dev.yoi.feature.annotation.ToolContribution;
import dev.yoi.pod.hook.TurnEndHook;
import dev.yoi.pod.hook.TurnSummary;
import dev.yoi.pod.tool.Tool;
import dev.yoi.pod.tool.ToolContext;
import dev.yoi.pod.tool.ToolResult;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The model's task list: four tools over one {@link TaskStore}, which other features use as the
 * service {@code builtin:task-store}.
 */
@Feature(
    id = "task-tools",
    name = "Task tools",
    description = "A task list the model keeps while it works: create, update, get and list tasks.")
public final class TaskToolsFeature implements FeatureModule {

  @Override
  public void install(InstallContext context) {
    InMemoryTaskStore store = new InMemoryTaskStore();
    context.services().provide(TaskStore.class, store);
    context.tools().register(new TaskCreate(store));
    context.tools().register(new TaskUpdate(store));
    context.tools().register(new TaskGet(store));
    context.tools().register(new TaskList(store));
    context.hooks().register(new TurnClock(store));
  }

  @ToolContribution(name = "TaskCreate", description = "Adds a pending task to your task list and returns its id.")
  static final class TaskCreate implements Tool<TaskCreate.Input> {
    record Input(
        @JsonPropertyDescription("A short imperative title, e.g. \"Pack for Lisbon\"") String subject,
        @JsonPropertyDescription("Details worth keeping with the task") Optional<String> description) {}

    private final TaskStore store;

    TaskCreate(TaskStore store) {
      this.store = store;
    }

    @Override
    public ToolResult call(Input input, ToolContext context) {
      if (input.subject().isBlank()) {
        return ToolResult.error("subject is blank: give the task a short title");
      }
      Task task = store.create(input.subject().strip(), input.description().orElse(""));
      return ToolResult.text("Created " + task.line());
    }
  }

  @ToolContribution(
      name = "TaskUpdate",
      description = "Changes a task's status, subject or description. Mark a task IN_PROGRESS when"
          + " you start it and COMPLETED when it is done.")
  static final class TaskUpdate implements Tool<TaskUpdate.Input> {
    record Input(
        @JsonPropertyDescription("The task id, as TaskCreate returned it") String id,
        @JsonPropertyDescription("The new status") Optional<TaskStatus> status,
        @JsonPropertyDescription("A new title") Optional<String> subject,
        @JsonPropertyDescription("New details") Optional<String> description) {}

    private final TaskStore store;

    TaskUpdate(TaskStore store) {
      this.store = store;
    }

    @Override
    public ToolResult call(Input input, ToolContext context) {
      TaskChange change = new TaskChange(input.subject().map(String::strip), input.description(), input.status());
      if (change.isEmpty()) {
        return ToolResult.error("nothing to change: give a status, subject or description");
      }
      if (input.subject().map(String::isBlank).orElse(false)) {
        return ToolResult.error("subject is blank: give the task a short title, or leave subject out");
      }
      try {
        return ToolResult.text("Updated " + store.update(input.id(), change).line());
      } catch (NoSuchElementException e) {
        return ToolResult.error(noSuchTask(store, input.id()));
      }
    }
  }

  @ToolContribution(name = "TaskGet", description = "Shows one task with its details.")
  static final class TaskGet implements Tool<TaskGet.Input> {
    record Input(@JsonPropertyDescription("The task id") String id) {}

    private final TaskStore store;

    TaskGet(TaskStore store) {
      this.store = store;
    }

    @Override
    public ToolResult call(Input input, ToolContext context) {
      return store.get(input.id())
          .map(task -> ToolResult.text(task.description().isEmpty()
              ? task.line()
              : task.line() + "\n" + task.description()))
          .orElseGet(() -> ToolResult.error(noSuchTask(store, input.id())));
    }
  }

  @ToolContribution(name = "TaskList", description = "Lists your tasks, optionally only those with one status.")
  static final class TaskList implements Tool<TaskList.Input> {
    record Input(@JsonPropertyDescription("Only tasks with this status") Optional<TaskStatus> status) {}

    private final TaskStore store;

    TaskList(TaskStore store) {
      this.store = store;
    }

    @Override
    public ToolResult call(Input input, ToolContext context) {
      List<Task> tasks = store.list().stream()
          .filter(task -> input.status().map(s -> s == task.status()).orElse(true))
          .toList();
      if (tasks.isEmpty()) {
        return ToolResult.text(input.status().map(s -> "No " + s + " tasks.").orElse("No tasks yet."));
      }
      return ToolResult.text(tasks.stream().map(Task::line).collect(Collectors.joining("\n")));
    }
  }

  /** Advances the store's turn clock, so "untouched for a whole turn" means something. */
  @HookContribution(name = "turn-clock")
  static final class TurnClock implements TurnEndHook {
    private final TaskStore store;

    TurnClock(TaskStore store) {
      this.store = store;
    }

    @Override
    public void onTurnEnd(TurnSummary turn) {
      store.turnEnded(turn.turn());
    }
  }

  private static String noSuchTask(TaskStore store, String id) {
    List<Task> tasks = store.list();
    // The model may write the id as TaskCreate showed it ("#3"); say "#3", not "##3".
    String shown = id.startsWith("#") ? id.substring(1) : id;
    return "no task #" + shown + (tasks.isEmpty()
        ? "; the list is empty (TaskCreate adds one)"
        : "; existing ids: " + tasks.stream().map(Task::id).collect(Collectors.joining(", ")));
  }
}
