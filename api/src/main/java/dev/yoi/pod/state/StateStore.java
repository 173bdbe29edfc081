package dev.yoi.pod.state;

import java.util.Map;
import java.util.Optional;

/**
 * A feature's durable string key-value store, one file under the Pod's data directory. Every write
 * is on disk when the call returns. Only the feature granted {@code STATE_STORE:name} reaches it.
 *
 * <p>A store lives as long as the Pod that handed it out: once that Pod is closed, every method
 * throws {@link IllegalStateException} and nothing is written, so a task that outlives its Pod, or
 * a reference kept past it, cannot change a later Pod's data.
 */
public interface StateStore {
  /** The store's name (the authority's scope). */
  String name();

  Optional<String> get(String key);

  /**
   * Saves {@code value} under {@code key}, replacing any value there.
   *
   * @throws IllegalArgumentException if the key and value together are larger than the Pod's entry
   *     limit (UTF-8 bytes; 8 MiB unless the host sets another); nothing is then written
   * @throws IllegalStateException once the Pod that handed out the store is closed
   */
  void put(String key, String value);

  /** @return whether the key was present */
  boolean remove(String key);

  /** A snapshot of every entry, sorted by key. */
  Map<String, String> entries();
}
