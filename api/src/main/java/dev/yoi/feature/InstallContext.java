package dev.yoi.feature;

import dev.yoi.pod.manifest.ManifestView;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.secret.Secret;
import dev.yoi.pod.state.StateStore;

/**
 * What a feature's {@link FeatureModule#install} gets: registrars for each host surface and
 * authority-gated handles. Every registration is checked against the feature's compiled
 * declarations; a rejected one throws {@link RegistrationRejectedException} and fails the feature
 * even if {@code install} catches it.
 */
public interface InstallContext {
  /** The feature's full id, e.g. {@code project:weather}. */
  String featureId();

  /** Registers declared tools. */
  ToolRegistrar tools();

  /** Registers declared hooks. */
  HookRegistrar hooks();

  /** Registers declared background tasks (the host runs them after every feature installed). */
  TaskRegistrar backgroundTasks();

  /** Provides declared services and looks up required ones. */
  ServiceBinder services();

  /** Adds system items to the model's history; needs {@code MODEL_NOTIFICATION}. */
  ModelNotifier notifier();

  /** Transient, human-facing messages; never in history. */
  Alerts alerts();

  /** Diagnostics for the install report and the live diagnostics stream. */
  FeatureDiagnostics diagnostics();

  /** What the policy granted and denied this feature. */
  Grants grants();

  /**
   * The feature's durable key-value store named {@code name}; needs {@code STATE_STORE:name}.
   *
   * @throws AuthorityDeniedException without that grant
   */
  StateStore stateStore(String name);

  /**
   * A handle on the secret {@code id}, resolved by the host when read; needs {@code SECRET_REF:id}.
   *
   * @throws AuthorityDeniedException without that grant
   */
  Secret secret(String id);

  /**
   * A read-only view of the Pod manifest; needs {@code POD_MANAGEMENT}.
   *
   * @throws AuthorityDeniedException without that grant
   */
  ManifestView manifest();
}
