package dev.yoi.pod.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.pod.history.EntryLimit;
import dev.yoi.pod.history.EntryTooLargeException;
import dev.yoi.pod.state.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoresTest {
  @TempDir Path data;

  @Test
  void aPutSurvivesARestart() {
    try (StateStores stores = StateStores.under(data)) {
      StateStore memory = stores.store("builtin:memory", "memory");
      memory.put("colour", "blue");
      memory.put("city", "Oslo");
      memory.remove("colour");
    }

    try (StateStores stores = StateStores.under(data)) {
      StateStore reopened = stores.store("builtin:memory", "memory");
      assertEquals(Optional.of("Oslo"), reopened.get("city"));
      assertEquals(Map.of("city", "Oslo"), reopened.entries());
    }
  }

  @Test
  void eachFeatureAndNameHasItsOwnFileUnderTheDataDirectory() throws IOException {
    StateStores stores = StateStores.under(data);
    stores.store("builtin:memory", "notes").put("k", "builtin");
    stores.store("project:notes", "notes").put("k", "project");

    assertEquals(Optional.of("builtin"), stores.store("builtin:memory", "notes").get("k"));
    assertEquals(Optional.of("project"), stores.store("project:notes", "notes").get("k"));
    assertEquals("{\"k\":\"builtin\"}", Files.readString(data.resolve("state/builtin/memory/notes.json")));
    assertEquals("{\"k\":\"project\"}", Files.readString(data.resolve("state/project/notes/notes.json")));
  }

  @Test
  void theSameFeatureAndNameGetTheSameStore() {
    StateStores stores = StateStores.under(data);
    assertSame(stores.store("builtin:memory", "memory"), stores.store("builtin:memory", "memory"));
  }

  @Test
  void namesThatCouldLeaveTheFeaturesDirectoryAreRefused() {
    StateStores stores = StateStores.under(data);
    for (String name : List.of("../builtin/other", "a/b", "..", ".hidden", "", "a\\b")) {
      assertThrows(IllegalArgumentException.class, () -> stores.store("project:evil", name), name);
    }
    assertThrows(IllegalArgumentException.class, () -> stores.store("../evil", "memory"));
    assertThrows(IllegalArgumentException.class, () -> stores.store("evil", "memory"));
  }

  @Test
  void writesLeaveNoTemporaryFilesAndKeysAreSorted() throws IOException {
    StateStore store = StateStores.under(data).store("builtin:memory", "memory");
    store.put("b", "2");
    store.put("a", "1");

    Path directory = data.resolve("state/builtin/memory");
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(List.of("memory.json"), files.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals("{\"a\":\"1\",\"b\":\"2\"}", Files.readString(directory.resolve("memory.json")));
    assertEquals(List.of("a", "b"), List.copyOf(store.entries().keySet()));
  }

  @Test
  void aDamagedStoreFileIsReportedWithItsPath() throws IOException {
    Path file = data.resolve("state/builtin/memory/memory.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{not json");

    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> StateStores.under(data).store("builtin:memory", "memory"));

    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void inMemoryStoresWriteNoFiles() throws IOException {
    StateStore store = StateStores.inMemory().store("builtin:memory", "memory");
    store.put("k", "v");
    assertEquals(Optional.of("v"), store.get("k"));
    assertTrue(store.remove("k"));
    assertFalse(store.remove("k"));
    try (Stream<Path> files = Files.list(data)) {
      assertEquals(0, files.count());
    }
  }

  // ---- issue 12: one owner per data directory, handles revoked at close, symmetric limits -------

  @Test
  void aSecondOwnerOfTheDataDirectoryIsRefusedNamingTheHolderUntilTheFirstCloses() {
    try (StateStores first = StateStores.under(data)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> StateStores.under(data));
      assertEquals("data directory " + data + " is open in another Pod, in this process (pid "
          + ProcessHandle.current().pid() + "); close that Pod first, or give this one its own data"
          + " directory (Pod.builder().dataDirectory(..))", e.getMessage());
      first.store("builtin:memory", "memory").put("k", "first");
    }
    try (StateStores second = StateStores.under(data)) {
      assertEquals(Optional.of("first"), second.store("builtin:memory", "memory").get("k"));
    }
  }

  @Test
  void aStoreKeptPastCloseRefusesEveryCallAndWritesNothing() throws IOException {
    StateStores stores = StateStores.under(data);
    StateStore kept = stores.store("project:notes", "notes");
    kept.put("owner", "first");
    stores.close();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.put("owner", "late"));
    assertEquals("state store \"notes\" of feature project:notes was closed with its Pod, so this write was"
        + " refused and nothing was written; a task still running after close(), or a reference kept past"
        + " it, must not touch the store", e.getMessage());
    assertThrows(IllegalStateException.class, () -> kept.remove("owner"));
    assertThrows(IllegalStateException.class, () -> kept.get("owner"));
    assertThrows(IllegalStateException.class, () -> stores.store("project:notes", "other"));
    assertEquals("{\"owner\":\"first\"}", Files.readString(data.resolve("state/project/notes/notes.json")));
  }

  @Test
  void aKeyWithItsValueOverTheLimitIsRefusedAndTheStoreIsUnchanged() throws IOException {
    try (StateStores stores = StateStores.under(data, new EntryLimit(EntryLimit.FLOOR))) {
      StateStore store = stores.store("builtin:memory", "memory");
      store.put("a", "1");

      EntryTooLargeException e = assertThrows(EntryTooLargeException.class,
          () -> store.put("b", "v".repeat(EntryLimit.FLOOR)));

      assertTrue(e.getMessage().startsWith("an entry (key \"b\" with its value) of state store \"memory\" of"
          + " feature builtin:memory is 65537 bytes"), e.getMessage());
      assertEquals(Map.of("a", "1"), store.entries());
      assertEquals("{\"a\":\"1\"}", Files.readString(data.resolve("state/builtin/memory/memory.json")));
    }
  }

  @Test
  void aKeyOverTheLimitIsNamedEscapedAndBoundedInTheRefusal() throws IOException {
    try (StateStores stores = StateStores.under(data, new EntryLimit(EntryLimit.FLOOR))) {
      StateStore store = stores.store("builtin:memory", "memory");

      EntryTooLargeException e = assertThrows(EntryTooLargeException.class,
          () -> store.put("k\r\u001b[2K" + "k".repeat(EntryLimit.FLOOR), "v"));

      assertTrue(e.getMessage().startsWith("an entry (key \"k\\r\\u001B[2K" + "k".repeat(52) + "\"... ("
          + (EntryLimit.FLOOR - 52) + " more characters) with its value) of state store"), e.getMessage());
      assertTrue(e.getMessage().codePoints().noneMatch(ControlCharacters::escaped), e.getMessage());
    }
  }

  @Test
  void underARaisedLimitAValueAndAKeyLongerThanJacksonsDefaultsLoadOnReopen() {
    EntryLimit raised = new EntryLimit(32 << 20);
    String value = "v".repeat(21_000_000); // Jackson's default string limit is 20,000,000
    String key = "k".repeat(60_000); // and its default name limit 50,000
    try (StateStores stores = StateStores.under(data, raised)) {
      stores.store("builtin:memory", "memory").put(key, value);
    }
    try (StateStores stores = StateStores.under(data, raised)) {
      assertEquals(Optional.of(value), stores.store("builtin:memory", "memory").get(key));
    }
  }
}
