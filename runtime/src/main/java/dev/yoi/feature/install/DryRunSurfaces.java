package dev.yoi.feature.install;

import dev.yoi.feature.Diagnostic;
import dev.yoi.pod.manifest.ManifestView;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.secret.Secret;
import dev.yoi.pod.state.StateStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Surfaces that keep nothing: for a dry-run install ({@code yoi report}). Every check happens in
 * the registry before a commit, exactly as for a Pod, so the dry run fails what a start would;
 * commits are dropped, notifications and alerts too; state stores live in memory for the run;
 * secrets resolve to nothing; the manifest has no rules. No task is started.
 */
final class DryRunSurfaces implements HostSurfaces {
  private final Map<String, StateStore> stores = new ConcurrentHashMap<>();

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
    return stores.computeIfAbsent(featureId + "/" + name, key -> new MemoryStore(name));
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
  public void publish(Diagnostic diagnostic) {}

  /** Keeps nothing: what the feature's installer asked to be closed with it is closed now. */
  @Override
  public void commit(FeatureContributions contributions) {
    contributions.closeResources();
  }

  /** A store that lives as long as the dry run. */
  private static final class MemoryStore implements StateStore {
    private final String name;
    private final Map<String, String> entries = new TreeMap<>();

    MemoryStore(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public synchronized Optional<String> get(String key) {
      return Optional.ofNullable(entries.get(key));
    }

    @Override
    public synchronized void put(String key, String value) {
      entries.put(key, value);
    }

    @Override
    public synchronized boolean remove(String key) {
      return entries.remove(key) != null;
    }

    @Override
    public synchronized Map<String, String> entries() {
      return new TreeMap<>(entries);
    }
  }
}
