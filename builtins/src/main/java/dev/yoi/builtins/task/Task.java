package dev.yoi.builtins.task;

import java.util.Objects;

/**
 * One task on the model's list. Immutable: an update yields a new revision.
 *
 * @param id the store-assigned id, {@code "1"}, {@code "2"}, ...
 * @param subject a short imperative title
 * @param description details; may be empty
 * @param status where it stands
 * @param revision 1 when created, one more per update
 * @param touchedInTurn the turn (from 1) during which it was created or last updated
 */
public record Task(
    String id, String subject, String description, TaskStatus status, int revision, long touchedInTurn) {
  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subject, "subject");
    description = description == null ? "" : description;
    Objects.requireNonNull(status, "status");
  }

  /** {@code #1 [IN_PROGRESS] Pack for Lisbon}: how tools show a task to the model. */
  public String line() {
    return "#" + id + " [" + status + "] " + subject;
  }
}
