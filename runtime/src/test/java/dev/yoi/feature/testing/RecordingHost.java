package dev.yoi.feature.testing;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.install.FeatureContributions;
import dev.yoi.feature.install.HostSurfaces;
import dev.yoi.pod.manifest.ManifestView;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.secret.Secret;
import dev.yoi.pod.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** A {@link HostSurfaces} that records everything the registry hands it. */
public final class RecordingHost implements HostSurfaces {
  private final List<FeatureContributions> commits = new ArrayList<>();
  private final List<Diagnostic> published = new ArrayList<>();
  private final List<String> notifications = new ArrayList<>();
  private final List<String> alerts = new ArrayList<>();
  private final Map<String, StateStore> stores = new ConcurrentHashMap<>();
  private final Map<String, String> secrets = new TreeMap<>();

  public RecordingHost withSecret(String id, String value) {
    secrets.put(id, value);
    return this;
  }

  @Override
  public ModelNotifier notifier(String featureId) {
    return text -> {
      synchronized (this) {
        notifications.add(featureId + ": " + text);
      }
    };
  }

  @Override
  public Alerts alerts(String featureId) {
    return (level, message) -> {
      synchronized (this) {
        alerts.add(featureId + ": " + level + " " + message);
      }
    };
  }

  @Override
  public StateStore stateStore(String featureId, String name) {
    return stores.computeIfAbsent(featureId + "/" + name, key -> new StateStore() {
      private final Map<String, String> entries = new TreeMap<>();

      @Override
      public String name() {
        return name;
      }

      @Override
      public synchronized Optional<String> get(String k) {
        return Optional.ofNullable(entries.get(k));
      }

      @Override
      public synchronized void put(String k, String v) {
        entries.put(k, v);
      }

      @Override
      public synchronized boolean remove(String k) {
        return entries.remove(k) != null;
      }

      @Override
      public synchronized Map<String, String> entries() {
        return new TreeMap<>(entries);
      }
    });
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
        return Optional.ofNullable(secrets.get(id));
      }
    };
  }

  @Override
  public ManifestView manifest() {
    return new ManifestView() {
      @Override
      public List<String> allowTools() {
        return List.of("*");
      }

      @Override
      public List<String> denyTools() {
        return List.of();
      }
    };
  }

  @Override
  public synchronized void publish(Diagnostic diagnostic) {
    published.add(diagnostic);
  }

  @Override
  public synchronized void commit(FeatureContributions contributions) {
    commits.add(contributions);
  }

  public synchronized List<FeatureContributions> commits() {
    return List.copyOf(commits);
  }

  /** Ids of the committed features, in commit order. */
  public synchronized List<String> committedFeatures() {
    return commits.stream().map(FeatureContributions::featureId).toList();
  }

  /** Every tool name committed, in commit order. */
  public synchronized List<String> toolNames() {
    return commits.stream().flatMap(c -> c.tools().stream()).map(t -> t.descriptor().name()).toList();
  }

  /** Every tool, hook and task name committed for {@code featureId}. */
  public synchronized List<String> contributionsOf(String featureId) {
    return commits.stream().filter(c -> c.featureId().equals(featureId))
        .flatMap(c -> Stream.of(
            c.tools().stream().map(t -> "tool:" + t.descriptor().name()),
            c.hooks().stream().map(h -> "hook:" + h.descriptor().name()),
            c.tasks().stream().map(t -> "task:" + t.descriptor().name())).flatMap(s -> s))
        .toList();
  }

  public synchronized List<Diagnostic> published() {
    return List.copyOf(published);
  }

  public synchronized List<String> notifications() {
    return List.copyOf(notifications);
  }

  public synchronized List<String> alerts() {
    return List.copyOf(alerts);
  }
}
