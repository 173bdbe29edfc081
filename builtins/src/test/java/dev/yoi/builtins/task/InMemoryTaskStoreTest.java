package dev.yoi.builtins.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryTaskStoreTest {
  private final InMemoryTaskStore store = new InMemoryTaskStore();

  @Test
  void everyChangeIsStampedWithTheTurnInProgress() {
    Task created = store.create("Pack", "");
    store.turnEnded(1);
    store.turnEnded(2);
    Task updated = store.update(created.id(), new TaskChange(Optional.empty(), Optional.empty(),
        Optional.of(TaskStatus.IN_PROGRESS)));

    assertEquals(1, created.touchedInTurn());
    assertEquals(3, updated.touchedInTurn());
    assertEquals(2, updated.revision());
  }

  @Test
  void theTurnClockNeverGoesBackwards() {
    store.turnEnded(5);
    store.turnEnded(3);

    assertEquals(5, store.completedTurns());
  }

  @Test
  void idsMayBeWrittenWithAHash() {
    store.create("Pack", "");

    assertEquals("Pack", store.get("#1").orElseThrow().subject());
    assertThrows(NoSuchElementException.class, () -> store.update("#9", new TaskChange(null, null, null)));
  }
}
