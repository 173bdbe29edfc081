package dev.yoi.pod.internal.state;

import dev.yoi.descriptor.Names;
import dev.yoi.pod.state.StateStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Hands out features' state stores. Durable stores ({@link #under}) live in
 * {@code <data>/state/<source>/<slug>/<name>.json}: the path is derived from the feature's own id
 * and a validated store name, so one feature cannot reach another's store. The same feature and
 * name always get the same store object, so writers never race on the file.
 */
public final class StateStores {
  /** Store names: a letter or digit, then letters, digits, {@code .}, {@code _} or {@code -}; at most 64. */
  public static final Pattern STORE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Path root; // null: in memory
  private final Map<String, StateStore> stores = new ConcurrentHashMap<>();

  private StateStores(Path root) {
    this.root = root;
  }

  /** Stores that live only as long as this object. */
  public static StateStores inMemory() {
    return new StateStores(null);
  }

  /** Durable stores under {@code dataDirectory/state}. */
  public static StateStores under(Path dataDirectory) {
    return new StateStores(Objects.requireNonNull(dataDirectory, "dataDirectory").resolve("state"));
  }

  /** Where durable stores live; empty in memory. */
  public Optional<Path> root() {
    return Optional.ofNullable(root);
  }

  /**
   * Feature {@code featureId}'s store {@code name}, created on first use.
   *
   * @throws IllegalArgumentException if the id is not a qualified feature id or the name is not a
   *     store name
   * @throws java.io.UncheckedIOException if the store's file exists but cannot be read
   */
  public StateStore store(String featureId, String name) {
    Names.checkQualifiedId("feature id", featureId).ifPresent(problem -> {
      throw new IllegalArgumentException(problem);
    });
    if (name == null || !STORE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("state store name \"" + name + "\" of feature " + featureId
          + " is not a store name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a"
          + " letter or digit (e.g. \"memory\")");
    }
    return stores.computeIfAbsent(featureId + "/" + name, key -> create(featureId, name));
  }

  private StateStore create(String featureId, String name) {
    if (root == null) {
      return new KeyValueStore(name, null);
    }
    int colon = featureId.indexOf(':');
    Path directory = root.resolve(featureId.substring(0, colon)).resolve(featureId.substring(colon + 1));
    return new KeyValueStore(name, directory.resolve(name + ".json"));
  }
}
