package dev.yoi.pod;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.catalog.FeatureFile;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.install.FeatureContributions;
import dev.yoi.feature.install.FeatureRegistry;
import dev.yoi.feature.install.HostSurfaces;
import dev.yoi.feature.runtime.RuntimeInstaller;
import dev.yoi.pod.internal.secret.SecretHandle;
import dev.yoi.pod.internal.state.StateStores;
import dev.yoi.pod.manifest.ManifestView;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.secret.Secret;
import dev.yoi.pod.state.StateStore;
import java.util.List;
import java.util.Optional;

/**
 * A dry-run install ({@code yoi report}): the whole path a {@link Pod#start()} takes, each
 * feature's {@code install} and every registration check included, into surfaces that keep
 * nothing: commits are dropped (what an installer asked to be closed with its feature is closed at
 * once), notifications and alerts too; state stores live in memory for the run; secrets resolve to
 * nothing; no task starts. The report is what a start with the same inputs would report.
 */
public final class DryRun {
  private DryRun() {}

  /** The report of installing what {@code loaders} hold under {@code manifest} and {@code policy}. */
  public static InstallReport report(List<FeatureLoader> loaders, PodManifest manifest, AuthorityPolicy policy) {
    return report(loaders, manifest, policy, List.of());
  }

  /** As {@link #report(List, PodManifest, AuthorityPolicy)}, with the installers of further runtime kinds. */
  public static InstallReport report(
      List<FeatureLoader> loaders, PodManifest manifest, AuthorityPolicy policy, List<RuntimeInstaller> installers) {
    return report(loaders, List.of(), manifest, policy, installers);
  }

  /** As {@link #report(List, PodManifest, AuthorityPolicy, List)}, with feature files read beside the loaders. */
  public static InstallReport report(List<FeatureLoader> loaders, List<FeatureFile> files, PodManifest manifest,
      AuthorityPolicy policy, List<RuntimeInstaller> installers) {
    return FeatureRegistry.install(loaders, files, manifest.enablement(), policy, new Surfaces(manifest), installers);
  }

  private static final class Surfaces implements HostSurfaces {
    private final StateStores stores = StateStores.inMemory();
    private final ManifestView manifest;

    Surfaces(ManifestView manifest) {
      this.manifest = manifest;
    }

    @Override
    public ModelNotifier notifier(String featureId) {
      return text -> {};
    }

    @Override
    public Alerts alerts(String featureId) {
      return (level, message) -> {};
    }

    @Override
    public StateStore stateStore(String featureId, String name) {
      return stores.store(featureId, name);
    }

    @Override
    public Secret secret(String featureId, String id) {
      return new SecretHandle(id, secret -> Optional.empty());
    }

    @Override
    public ManifestView manifest() {
      return manifest;
    }

    @Override
    public void publish(Diagnostic diagnostic) {}

    @Override
    public void commit(FeatureContributions contributions) {
      contributions.closeResources();
    }
  }
}
