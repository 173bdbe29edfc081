package dev.yoi.pod.state;

import java.util.Map;
import java.util.Optional;

/**
 * A feature's durable string key-value store, one file under the Pod's data directory. Every write
 * is on disk when the call returns. Only the feature granted {@code STATE_STORE:name} reaches it.
 */
public interface StateStore {
  /** The store's name (the authority's scope). */
  String name();

  Optional<String> get(String key);

  void put(String key, String value);

  /** @return whether the key was present */
  boolean remove(String key);

  /** A snapshot of every entry, sorted by key. */
  Map<String, String> entries();
}
