package dev.yoi.pod.internal.notify;

import dev.yoi.pod.Alert;
import dev.yoi.pod.AlertSink;
import dev.yoi.pod.notify.Alerts;
import java.util.Objects;

/** A feature's alert channel: attributes each alert to the feature and hands it to the host's sink. */
public final class FeatureAlerts implements Alerts {
  private final String featureId;
  private final AlertSink sink;

  public FeatureAlerts(String featureId, AlertSink sink) {
    this.featureId = Objects.requireNonNull(featureId, "featureId");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public void alert(Level level, String message) {
    Alert alert = new Alert(featureId, level, String.valueOf(message));
    try {
      sink.accept(alert);
    } catch (RuntimeException e) {
      // Best effort by contract: a broken sink must not fail the tool or task that raised the alert.
    }
  }

  @Override
  public String toString() {
    return "Alerts[" + featureId + "]";
  }
}
