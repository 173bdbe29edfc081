package dev.yoi.pod.internal.state;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.pod.history.EntryLimit;
import dev.yoi.pod.state.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One feature's string key-value store: a JSON object of sorted keys, rewritten atomically on every
 * change (written to a temporary file, forced to disk, then moved over the old one), so a crash
 * leaves either the old or the new content. A key with its value may be at most the Pod's
 * {@link EntryLimit}, and the file is read with that limit's reader, so whatever was saved loads.
 * {@link #revoke()} (at the Pod's close) makes it refuse everything from then on. Thread-safe.
 */
final class KeyValueStore implements StateStore {
  private final String featureId;
  private final String name;
  private final Path file; // null: in memory
  private final EntryLimit limit;
  /** Built when a durable store first reads or writes (guarded by this): an in-memory store never serialises. */
  private ObjectMapper mapper;
  private final TreeMap<String, String> entries = new TreeMap<>();
  private boolean revoked; // guarded by this

  KeyValueStore(String featureId, String name, Path file, EntryLimit limit) {
    this.featureId = featureId;
    this.name = name;
    this.file = file;
    this.limit = limit;
    if (file != null && Files.exists(file)) {
      try {
        entries.putAll(mapper().readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
      } catch (StreamConstraintsException e) {
        throw new UncheckedIOException("state store file " + file + " holds a key or value longer than"
            + " this Pod reads (" + e.getOriginalMessage() + "): it was written under a larger entry"
            + " limit than this Pod's " + limit + ". Nothing was changed; start the Pod with a larger"
            + " limit (" + EntryLimit.SETTING + ")", e);
      } catch (IOException e) {
        throw new UncheckedIOException("state store file " + file + " cannot be read as a JSON object"
            + " of strings (" + e.getMessage() + "); repair it, or move it away to start the store"
            + " empty", e);
      }
    }
  }

  /** Refuses every later call: the Pod that handed this store out is closed. */
  synchronized void revoke() {
    revoked = true;
  }

  private void checkOpen(String what) {
    if (revoked) {
      throw new IllegalStateException("state store \"" + name + "\" of feature " + featureId + " was"
          + " closed with its Pod, so this " + what + " was refused and nothing was written; a task"
          + " still running after close(), or a reference kept past it, must not touch the store");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized Optional<String> get(String key) {
    checkOpen("read");
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public synchronized void put(String key, String value) {
    if (key == null || value == null) {
      throw new NullPointerException("state store \"" + name + "\": key and value must not be null");
    }
    checkOpen("write");
    limit.check("an entry (key " + quoted(key) + " with its value) of state store \"" + name
        + "\" of feature " + featureId, key, value);
    String previous = entries.put(key, value);
    try {
      save();
    } catch (UncheckedIOException e) {
      if (previous == null) {
        entries.remove(key);
      } else {
        entries.put(key, previous);
      }
      throw e;
    }
  }

  @Override
  public synchronized boolean remove(String key) {
    checkOpen("removal");
    String previous = entries.remove(key);
    if (previous == null) {
      return false;
    }
    try {
      save();
    } catch (UncheckedIOException e) {
      entries.put(key, previous);
      throw e;
    }
    return true;
  }

  @Override
  public synchronized Map<String, String> entries() {
    checkOpen("read");
    return java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
  }

  private synchronized ObjectMapper mapper() {
    if (mapper == null) {
      mapper = new ObjectMapper(limit.jsonFactory());
    }
    return mapper;
  }

  private void save() {
    if (file == null) {
      return;
    }
    Path directory = file.getParent();
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      temporary = Files.createTempFile(directory, "." + name + ".", ".tmp");
      byte[] bytes = mapper().writeValueAsBytes(entries);
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temporary = null;
      forceDirectory(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state store file " + file + ": " + e.getMessage(), e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // a stray temporary file is harmless: it is never read
        }
      }
    }
  }

  /**
   * A key as a message quotes it (the feature's text): escaped, and cut, since a huge key is what
   * the message is about, not what it shows.
   */
  private static String quoted(String key) {
    return ControlCharacters.quote(key, 64);
  }

  /** Makes the rename itself durable where the platform allows it (Linux does; some do not). */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort
    }
  }

  @Override
  public String toString() {
    return "StateStore[" + name + (file == null ? ", in memory" : ", " + file) + "]";
  }
}
