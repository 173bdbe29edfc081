package dev.yoi.feature.install;

import dev.yoi.feature.Diagnostic;
import dev.yoi.pod.internal.state.StateStores;
import dev.yoi.pod.internal.tool.ToolRegistry;
import dev.yoi.pod.manifest.ManifestView;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.secret.Secret;
import dev.yoi.pod.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Surfaces that keep nothing: for a dry-run install ({@code yoi report}). Tools go into a tool
 * registry of their own, exactly as the Pod takes them (neither compiles schemas: that happens on
 * a tool's first call), so a tool the Pod would refuse fails the dry run too; commits are
 * collected so the caller can see what would have been installed; notifications and alerts are
 * dropped; state stores live in memory; secrets resolve to nothing; the manifest has no rules. No
 * task is started.
 */
final class DryRunSurfaces implements HostSurfaces {
  private final ToolRegistry tools = new ToolRegistry();
  private final List<FeatureContributions> committed = new ArrayList<>();
  private final StateStores stores = StateStores.inMemory();

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
    return new Secret() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Optional<String> value() {
        return Optional.empty();
      }

      @Override
      public String toString() {
        return "Secret[" + id + ", dry run]";
      }
    };
  }

  @Override
  public ManifestView manifest() {
    return new ManifestView() {
      @Override
      public List<String> allowTools() {
        return List.of();
      }

      @Override
      public List<String> denyTools() {
        return List.of();
      }
    };
  }

  @Override
  public Optional<ToolRegistry.Owner> toolOwner(String name) {
    return tools.owner(name);
  }

  @Override
  public void publish(Diagnostic diagnostic) {}

  @Override
  public synchronized void commit(FeatureContributions contributions) {
    tools.commit(contributions); // throws as the Pod's commit would
    committed.add(contributions);
  }

  /** What would have been committed, in install order. */
  public synchronized List<FeatureContributions> committed() {
    return List.copyOf(committed);
  }
}
