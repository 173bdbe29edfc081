package dev.yoi.pod.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    StateStore memory = StateStores.under(data).store("builtin:memory", "memory");
    memory.put("colour", "blue");
    memory.put("city", "Oslo");
    memory.remove("colour");

    StateStore reopened = StateStores.under(data).store("builtin:memory", "memory");

    assertEquals(Optional.of("Oslo"), reopened.get("city"));
    assertEquals(Map.of("city", "Oslo"), reopened.entries());
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
}
