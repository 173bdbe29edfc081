package dev.yoi.pod.notify;

/** A transient, human-facing channel (status lines, toasts). Alerts never reach history. */
public interface Alerts {
  enum Level {
    INFO,
    WARNING,
    ERROR
  }

  void alert(Level level, String message);

  default void info(String message) {
    alert(Level.INFO, message);
  }

  default void warning(String message) {
    alert(Level.WARNING, message);
  }
}
