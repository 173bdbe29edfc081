package dev.yoi.feature.install;

import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.feature.AuthorityDeniedException;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.fault.Fault;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
  private final AuthorityGates gates;
  private final ModelNotifier notifier = this::notifyModel;
  private final Alerts alerts = this::alert;
  private final List<Held> staged = new ArrayList<>();
  private State state = State.STAGING;

  FeatureChannels(String featureId, HostSurfaces host, AuthorityGates gates) {
    this.featureId = featureId;
    this.host = host;
    this.gates = gates;
  }

  ModelNotifier notifier() {
    return notifier;
  }

  Alerts alerts() {
    return alerts;
  }

  private void notifyModel(String text) {
    gates.requireAny(AuthorityKind.MODEL_NOTIFICATION, "add items to the model's history");
    Objects.requireNonNull(text, "text");
    deliver(new Held("model notification " + quoted(text), () -> host.notifier(featureId).notifyModel(text)));
  }

  private void alert(Alerts.Level level, String message) {
    deliver(new Held("alert " + level + " " + quoted(String.valueOf(message)),
        () -> host.alerts(featureId).alert(level, message)));
  }

  private void deliver(Held held) {
    synchronized (this) {
      if (state == State.STAGING) {
        staged.add(held);
        return;
      }
      if (state == State.CLOSED) {
        throw new IllegalStateException("feature " + featureId + " is not installed (its install was"
            + " rolled back), so its notifier and alerts are closed");
      }
    }
    held.send().run();
  }

  /**
   * Delivers what was held back and opens the channels. Each item is delivered on its own: one
   * that fails is lost, the others still go.
   *
   * @return what could not be delivered, and why; empty when everything went
   */
  List<String> commit() {
    List<Held> held;
    synchronized (this) {
      state = State.OPEN;
      held = List.copyOf(staged);
      staged.clear();
    }
    List<String> undelivered = new ArrayList<>();
    for (Held item : held) {
      try {
        item.send().run();
      } catch (Throwable t) {
        Fault.caught(t);
        undelivered.add(item.what() + " (" + Fault.describe(t) + ")");
      }
    }
    return undelivered;
  }

  /** Drops what was held back and closes the channels. */
  synchronized void rollback() {
    state = State.CLOSED;
    staged.clear();
  }

  /** The feature's text as a diagnostic names it: quoted, escaped and cut by the one owner. */
  private static String quoted(String text) {
    return ControlCharacters.quote(text, 80);
  }

  /** One notification or alert held back while the feature installs. */
  private record Held(String what, Runnable send) {}
}
