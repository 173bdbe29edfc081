package dev.yoi.pod;

import dev.yoi.pod.notify.Alerts;

/**
 * Where the host shows alerts (a status line, a toast, a log). Alerts are transient: they never
 * reach history, and a sink that fails loses the alert, never the caller's work.
 */
@FunctionalInterface
public interface AlertSink {
  void accept(Alert alert);

  /** Drops every alert: the default for a host that shows none. */
  static AlertSink discard() {
    return alert -> {};
  }
}
