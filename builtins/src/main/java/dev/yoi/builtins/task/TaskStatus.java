package dev.yoi.builtins.task;

/** Where a task stands. */
public enum TaskStatus {
  PENDING,
  IN_PROGRESS,
  COMPLETED
}
