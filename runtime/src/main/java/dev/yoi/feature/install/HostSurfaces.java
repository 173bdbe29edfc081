package dev.yoi.feature.install;

import dev.yoi.feature.Diagnostic;
import dev.yoi.pod.manifest.ManifestView;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.secret.Secret;
import dev.yoi.pod.state.StateStore;

/**
 * The one interface between the registry and its host: what the registry needs from the host
 * (per-feature channels and handles), and where an installed feature's contributions go. The
 * registry owns it and the host implements it, so the registry never names a host type. The
 * registry does every check (declarations, names, authorities, services) before it calls
 * {@link #commit}; the host only stores.
 */
public interface HostSurfaces {
  /** The history-backed notifier for a feature (the installer gates it by MODEL_NOTIFICATION). */
  ModelNotifier notifier(String featureId);

  /** The transient alert channel, attributed to a feature. */
  Alerts alerts(String featureId);

  /** The feature's store {@code name} (the installer gates it by STATE_STORE:name). */
  StateStore stateStore(String featureId, String name);

  /** A handle on secret {@code id} (the installer gates it by SECRET_REF:id). */
  Secret secret(String featureId, String id);

  /** The manifest's tool rules (the installer gates it by POD_MANAGEMENT). */
  ManifestView manifest();

  /** Publishes a diagnostic on the live stream as soon as it is known. */
  void publish(Diagnostic diagnostic);

  /**
   * Adds one installed feature's contributions to the host's surfaces, all or none.
   *
   * @throws RuntimeException if the host cannot take them; nothing of the feature is kept then
   */
  void commit(FeatureContributions contributions);
}
