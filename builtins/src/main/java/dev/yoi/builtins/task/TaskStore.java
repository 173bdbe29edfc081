package dev.yoi.builtins.task;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The model's task list, provided by {@code builtin:task-tools} as the service
 * {@code builtin:task-store} (version 1.0.0). Thread-safe: tools write it during turns while
 * background tasks read it between them.
 *
 * <p>The store also keeps a turn clock, so consumers can tell a task the model has left alone for
 * a whole turn from one it is working on right now.
 */
public interface TaskStore {
  /** Adds a {@link TaskStatus#PENDING} task. */
  Task create(String subject, String description);

  Optional<Task> get(String id);

  /**
   * Applies {@code change} and returns the new revision.
   *
   * @throws NoSuchElementException if there is no task {@code id}
   */
  Task update(String id, TaskChange change);

  /** Every task, by id. */
  List<Task> list();

  /** How many turns have ended; a change made now is stamped {@code completedTurns() + 1}. */
  long completedTurns();

  /** Advances the turn clock to {@code turn} (never backwards). */
  void turnEnded(long turn);
}
