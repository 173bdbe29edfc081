package dev.yoi.feature.install;

import dev.yoi.feature.Diagnostic;
import dev.yoi.pod.internal.tool.ToolRegistry;
import dev.yoi.pod.manifest.ManifestView;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.secret.Secret;
import dev.yoi.pod.state.StateStore;
import java.util.Optional;

/**
 * What the feature installer needs from the Pod: per-feature channels, and the surfaces an installed
 * feature's contributions are committed into. The installer does every check (declarations,
 * duplicates, authorities) before it calls {@link #commit}; the Pod only stores.
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

  /**
   * The feature and class that already hold tool name {@code name} here, if any. The host's tool
   * registry is the one record of which names are taken, across every class loader; the installer
   * asks it to reject a duplicate registration with both parties named.
   */
  Optional<ToolRegistry.Owner> toolOwner(String name);

  /** Publishes a diagnostic on the live stream as soon as it is known. */
  void publish(Diagnostic diagnostic);

  /** Adds one installed feature's contributions to the tool, hook and task surfaces. */
  void commit(FeatureContributions contributions);
}
