package dev.yoi.builtins.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.builtins.Pods;
import dev.yoi.pod.Pod;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.tool.ToolResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryTest {
  @TempDir Path data;

  @Test
  void aNoteWrittenIsReadBackAndReplacedByTheSameKey() {
    try (Pod pod = start()) {
      assertEquals("Saved memory \"trip\".", pod.callTool("MemoryWrite", "{\"key\":\"trip\",\"content\":\"Lisbon\"}").text());
      assertEquals("Replaced memory \"trip\".", pod.callTool("MemoryWrite", "{\"key\":\"trip\",\"content\":\"Porto\"}").text());

      assertEquals("Porto", pod.callTool("MemoryRead", "{\"key\":\"trip\"}").text());
    }
  }

  @Test
  void notesSurviveAPodRestart() {
    try (Pod pod = start()) {
      pod.callTool("MemoryWrite", "{\"key\":\"user.home-city\",\"content\":\"Lyon\"}");
    }

    try (Pod restarted = start()) {
      ToolResult result = restarted.callTool("MemoryRead", "{\"key\":\"user.home-city\"}");

      assertEquals("Lyon", result.text());
    }
  }

  @Test
  void searchRanksNotesByHowManyQueryWordsTheyContainInAnyCase() {
    try (Pod pod = start()) {
      pod.callTool("MemoryWrite", "{\"key\":\"trip\",\"content\":\"Lisbon on Friday, window seat\"}");
      pod.callTool("MemoryWrite", "{\"key\":\"food\",\"content\":\"Try pastel de nata in Lisbon\"}");
      pod.callTool("MemoryWrite", "{\"key\":\"car\",\"content\":\"Service due in May\"}");

      ToolResult result = pod.callTool("MemorySearch", "{\"query\":\"LISBON friday\"}");

      assertEquals("trip: Lisbon on Friday, window seat\nfood: Try pastel de nata in Lisbon", result.text());
    }
  }

  @Test
  void searchHonoursTheLimit() {
    try (Pod pod = start()) {
      pod.callTool("MemoryWrite", "{\"key\":\"a\",\"content\":\"x\"}");
      pod.callTool("MemoryWrite", "{\"key\":\"b\",\"content\":\"x\"}");

      assertEquals("a: x", pod.callTool("MemorySearch", "{\"query\":\"x\",\"limit\":1}").text());
    }
  }

  @Test
  void readingAnUnknownKeyIsAnErrorThatListsTheSavedKeys() {
    try (Pod pod = start()) {
      pod.callTool("MemoryWrite", "{\"key\":\"trip\",\"content\":\"Lisbon\"}");

      ToolResult result = pod.callTool("MemoryRead", "{\"key\":\"trips\"}");

      assertTrue(result.isError());
      assertEquals("no memory named \"trips\"; saved keys: trip", result.text());
    }
  }

  @Test
  void deleteRemovesTheNote() {
    try (Pod pod = start()) {
      pod.callTool("MemoryWrite", "{\"key\":\"trip\",\"content\":\"Lisbon\"}");

      assertEquals("Deleted memory \"trip\".", pod.callTool("MemoryDelete", "{\"key\":\"trip\"}").text());
      assertTrue(pod.callTool("MemoryRead", "{\"key\":\"trip\"}").isError());
    }
  }

  @Test
  void aBlankKeyIsRefused() {
    try (Pod pod = start()) {
      ToolResult result = pod.callTool("MemoryWrite", "{\"key\":\"  \",\"content\":\"x\"}");

      assertTrue(result.isError());
      assertEquals("key is blank: name the note, e.g. \"user.home-city\"", result.text());
    }
  }

  @Test
  void aDeletionSurvivesAPodRestart() {
    try (Pod pod = start()) {
      pod.callTool("MemoryWrite", "{\"key\":\"trip\",\"content\":\"Lisbon\"}");
      pod.callTool("MemoryWrite", "{\"key\":\"car\",\"content\":\"Service in May\"}");
      pod.callTool("MemoryDelete", "{\"key\":\"trip\"}");
    }

    try (Pod restarted = start()) {
      ToolResult result = restarted.callTool("MemoryRead", "{\"key\":\"trip\"}");

      assertTrue(result.isError());
      assertEquals("no memory named \"trip\"; saved keys: car", result.text());
    }
  }

  @Test
  void deletingAnUnknownKeyIsAnErrorThatSaysNothingIsSaved() {
    try (Pod pod = start()) {
      ToolResult result = pod.callTool("MemoryDelete", "{\"key\":\"trip\"}");

      assertTrue(result.isError());
      assertEquals("no memory named \"trip\"; nothing is saved yet (MemoryWrite saves a note)", result.text());
    }
  }

  @Test
  void aKeyLongerThanTheLimitIsRefusedAndNothingIsSaved() {
    try (Pod pod = start()) {
      String key = "k".repeat(MemoryFeature.MAX_KEY_LENGTH + 1);

      ToolResult result = pod.callTool("MemoryWrite", "{\"key\":\"" + key + "\",\"content\":\"x\"}");

      assertTrue(result.isError());
      assertEquals("key is 129 characters long; keep it to 128", result.text());
      assertEquals("No memory matches \"x\".", pod.callTool("MemorySearch", "{\"query\":\"x\"}").text());
    }
  }

  @Test
  void aBlankSearchIsAnErrorResult() {
    try (Pod pod = start()) {
      ToolResult result = pod.callTool("MemorySearch", "{\"query\":\" \"}");

      assertTrue(result.isError());
      assertEquals("query is blank: give at least one word to look for", result.text());
    }
  }

  /**
   * The review's repro (issue 12, item 1): a note of 20,000,001 characters, one over Jackson's
   * default string limit, then another call. Before, the call line was written whole and the next
   * open of the history failed on it; now the input is over the Pod's entry limit and refused
   * before anything of it is written.
   */
  @Test
  void aTwentyMillionAndOneCharacterNoteIsRefusedAndTheHistoryStillOpensWithEveryCall() {
    Path history = data.resolve("history");
    List<HistoryEntry> written;
    try (Pod pod = Pods.builtins().history(history).dataDirectory(data).build()) {
      pod.start();
      ToolResult huge = pod.callTool("MemoryWrite",
          "{\"key\":\"huge\",\"content\":\"" + "h".repeat(20_000_001) + "\"}");
      ToolResult small = pod.callTool("MemoryWrite", "{\"key\":\"small\",\"content\":\"kept\"}");

      assertTrue(huge.isError() && huge.text().contains("more than the Pod's entry limit of 8388608 bytes"),
          huge.text());
      assertEquals("Saved memory \"small\".", small.text());
      written = pod.history();
    }

    try (Pod reopened = Pods.builtins().history(history).dataDirectory(data).build()) {
      assertEquals(List.of(), reopened.start().diagnostics(), "nothing to repair");
      assertEquals(written, reopened.history());
      assertEquals("kept", reopened.callTool("MemoryRead", "{\"key\":\"small\"}").text());
      assertTrue(reopened.callTool("MemoryRead", "{\"key\":\"huge\"}").isError());
    }
  }

  private Pod start() {
    Pod pod = Pods.builtins().dataDirectory(data).build();
    pod.start();
    return pod;
  }
}
