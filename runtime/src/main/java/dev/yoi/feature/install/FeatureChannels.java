package dev.yoi.feature.install;

import dev.yoi.feature.AuthorityDeniedException;
import dev.yoi.feature.Grants;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A feature's notifier and alerts. While the feature installs, what it sends is held back and
 * delivered only if the install commits (a rolled-back feature reaches no surface); after commit it
 * goes straight through; after a rollback any use is an error. The notifier is gated by
 * {@code MODEL_NOTIFICATION}: without it every call throws {@link AuthorityDeniedException}.
 */
final class FeatureChannels {
  private enum State {
    STAGING,
    OPEN,
    CLOSED
  }

  private final String featureId;
  private final HostSurfaces host;
  private final Grants grants;
  private final ModelNotifier notifier = this::notifyModel;
  private final Alerts alerts = this::alert;
  private final List<Runnable> staged = new ArrayList<>();
  private State state = State.STAGING;

  FeatureChannels(String featureId, HostSurfaces host, Grants grants) {
    this.featureId = featureId;
    this.host = host;
    this.grants = grants;
  }

  ModelNotifier notifier() {
    return notifier;
  }

  Alerts alerts() {
    return alerts;
  }

  private void notifyModel(String text) {
    if (!grants.hasAny(AuthorityKind.MODEL_NOTIFICATION)) {
      throw new AuthorityDeniedException(Gates.missing(featureId, "add items to the model's history",
          AuthorityKind.MODEL_NOTIFICATION, ""));
    }
    deliver(() -> host.notifier(featureId).notifyModel(text));
  }

  private void alert(Alerts.Level level, String message) {
    deliver(() -> host.alerts(featureId).alert(level, message));
  }

  private void deliver(Runnable send) {
    synchronized (this) {
      if (state == State.STAGING) {
        staged.add(send);
        return;
      }
      if (state == State.CLOSED) {
        throw new IllegalStateException("feature " + featureId + " is not installed (its install was"
            + " rolled back), so its notifier and alerts are closed");
      }
    }
    send.run();
  }

  /** Delivers what was held back and opens the channels. */
  void commit() {
    List<Runnable> held;
    synchronized (this) {
      state = State.OPEN;
      held = List.copyOf(staged);
      staged.clear();
    }
    held.forEach(Runnable::run);
  }

  /** Drops what was held back and closes the channels. */
  synchronized void rollback() {
    state = State.CLOSED;
    staged.clear();
  }
}
