package dev.yoi.pod.internal.state;

import dev.yoi.descriptor.Names;
import dev.yoi.pod.history.EntryLimit;
import dev.yoi.pod.internal.lock.FileClaim;
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
 *
 * <p>One owner at a time: durable stores claim {@code <data>/state.lock} (the lock the history
 * file uses, {@link FileClaim}) until {@link #close()}, which also revokes every store handed out,
 * so a late write (a task that outlived its Pod, a kept reference) is refused, never applied over
 * a later Pod's data.
 */
public final class StateStores implements AutoCloseable {
  /** Store names: a letter or digit, then letters, digits, {@code .}, {@code _} or {@code -}; at most 64. */
  public static final Pattern STORE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** The lock file in the data directory. */
  public static final String LOCK_FILE = "state.lock";

  private final Path root; // null: in memory
  private final EntryLimit limit;
  private final FileClaim claim; // null: in memory
  private final Map<String, KeyValueStore> stores = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private StateStores(Path root, EntryLimit limit, FileClaim claim) {
    this.root = root;
    this.limit = Objects.requireNonNull(limit, "limit");
    this.claim = claim;
  }

  /** Stores that live only as long as this object. */
  public static StateStores inMemory() {
    return inMemory(EntryLimit.standard());
  }

  /** Stores that live only as long as this object, with entries up to {@code limit}. */
  public static StateStores inMemory(EntryLimit limit) {
    return new StateStores(null, limit, null);
  }

  /** {@link #under(Path, EntryLimit)} with the standard limit. */
  public static StateStores under(Path dataDirectory) {
    return under(dataDirectory, EntryLimit.standard());
  }

  /**
   * Durable stores under {@code dataDirectory/state}, claimed for this object until {@link #close()}.
   *
   * @throws IllegalStateException if another Pod (in this process or another) holds the directory
   * @throws java.io.UncheckedIOException if the lock file cannot be created
   */
  public static StateStores under(Path dataDirectory, EntryLimit limit) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(limit, "limit");
    FileClaim claim = FileClaim.dedicated(dataDirectory.resolve(LOCK_FILE),
        "data directory " + dataDirectory,
        "close that Pod first, or give this one its own data directory (Pod.builder().dataDirectory(..))");
    return new StateStores(dataDirectory.resolve("state"), limit, claim);
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
   * @throws IllegalStateException after {@link #close()}
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
    if (closed) {
      throw new IllegalStateException("state store \"" + name + "\" of feature " + featureId
          + " was asked for after its Pod closed; nothing is handed out after close()");
    }
    KeyValueStore store = stores.computeIfAbsent(featureId + "/" + name, key -> create(featureId, name));
    if (closed) {
      store.revoke(); // close() ran while it was created
    }
    return store;
  }

  /**
   * Revokes every store handed out (each then refuses reads and writes) and releases the data
   * directory. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    // A store being created now is revoked by store() itself, which sees the flag.
    stores.values().forEach(KeyValueStore::revoke);
    if (claim != null) {
      claim.close();
    }
  }

  private KeyValueStore create(String featureId, String name) {
    if (root == null) {
      return new KeyValueStore(featureId, name, null, limit);
    }
    int colon = featureId.indexOf(':');
    Path directory = root.resolve(featureId.substring(0, colon)).resolve(featureId.substring(colon + 1));
    return new KeyValueStore(featureId, name, directory.resolve(name + ".json"), limit);
  }
}
