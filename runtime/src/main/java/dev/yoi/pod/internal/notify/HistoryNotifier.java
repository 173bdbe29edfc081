package dev.yoi.pod.internal.notify;

import dev.yoi.pod.history.History;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.notify.ModelNotifier;
import java.util.Objects;

/**
 * A feature's model notifier: each notification becomes a system item in the durable history,
 * attributed to the feature. The installer hands it out only with {@code MODEL_NOTIFICATION}.
 */
public final class HistoryNotifier implements ModelNotifier {
  private final String featureId;
  private final History history;

  public HistoryNotifier(String featureId, History history) {
    this.featureId = Objects.requireNonNull(featureId, "featureId");
    this.history = Objects.requireNonNull(history, "history");
  }

  @Override
  public void notifyModel(String text) {
    history.append(new HistoryEntry.SystemItem(featureId, Objects.requireNonNull(text, "text")));
  }

  @Override
  public String toString() {
    return "ModelNotifier[" + featureId + "]";
  }
}
