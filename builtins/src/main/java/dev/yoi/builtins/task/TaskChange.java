package dev.yoi.builtins.task;

import java.util.Optional;

/** What an update changes; an empty field is left as it is. */
public record TaskChange(Optional<String> subject, Optional<String> description, Optional<TaskStatus> status) {
  public TaskChange {
    subject = subject == null ? Optional.empty() : subject;
    description = description == null ? Optional.empty() : description;
    status = status == null ? Optional.empty() : status;
  }

  public boolean isEmpty() {
    return subject.isEmpty() && description.isEmpty() && status.isEmpty();
  }
}
