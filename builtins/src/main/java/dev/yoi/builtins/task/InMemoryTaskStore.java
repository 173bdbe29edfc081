package dev.yoi.builtins.task;

import dev.yoi.feature.annotation.ProvidesService;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/** The task list of one Pod, kept in memory for the Pod's lifetime. */
@ProvidesService(id = "task-store", version = "1.0.0", type = TaskStore.class, feature = TaskToolsFeature.class)
public final class InMemoryTaskStore implements TaskStore {
  // Keyed by numeric id so list() comes out in creation order.
  private final TreeMap<Long, Task> tasks = new TreeMap<>();
  private long lastId;
  private long completedTurns;

  @Override
  public synchronized Task create(String subject, String description) {
    Task task = new Task(
        Long.toString(++lastId), subject, description, TaskStatus.PENDING, 1, completedTurns + 1);
    tasks.put(lastId, task);
    return task;
  }

  @Override
  public synchronized Optional<Task> get(String id) {
    return key(id).map(tasks::get);
  }

  @Override
  public synchronized Task update(String id, TaskChange change) {
    Long key = key(id).filter(tasks::containsKey)
        .orElseThrow(() -> new NoSuchElementException("no task #" + id));
    Task old = tasks.get(key);
    Task updated = new Task(
        old.id(),
        change.subject().orElse(old.subject()),
        change.description().orElse(old.description()),
        change.status().orElse(old.status()),
        old.revision() + 1,
        completedTurns + 1);
    tasks.put(key, updated);
    return updated;
  }

  @Override
  public synchronized List<Task> list() {
    return List.copyOf(tasks.values());
  }

  @Override
  public synchronized long completedTurns() {
    return completedTurns;
  }

  @Override
  public synchronized void turnEnded(long turn) {
    completedTurns = Math.max(completedTurns, turn);
  }

  private static Optional<Long> key(String id) {
    String digits = id.startsWith("#") ? id.substring(1) : id;
    try {
      return Optional.of(Long.parseLong(digits));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
