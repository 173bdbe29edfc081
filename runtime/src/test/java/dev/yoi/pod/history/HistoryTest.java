package dev.yoi.pod.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
  @TempDir Path directory;

  static final List<HistoryEntry> CONVERSATION = List.of(
      new HistoryEntry.UserMessage("What is on my list?"),
      new HistoryEntry.AssistantMessage("Let me look."),
      new HistoryEntry.ToolCall("call-1", "TaskList", "{}"),
      new HistoryEntry.ToolResult("call-1", "TaskList", "[]", false),
      new HistoryEntry.SystemItem("builtin:task-reminders", "2 tasks are stale"));

  Path file() {
    return directory.resolve(History.FILE_NAME);
  }

  History writeConversation() {
    History history = History.open(directory);
    CONVERSATION.forEach(history::append);
    return history;
  }

  @Test
  void eachEntryIsOneJsonLineInTheDocumentedFormat() throws IOException {
    writeConversation().close();

    assertEquals(List.of(
        "{\"type\":\"user_message\",\"text\":\"What is on my list?\"}",
        "{\"type\":\"assistant_message\",\"text\":\"Let me look.\"}",
        "{\"type\":\"tool_call\",\"callId\":\"call-1\",\"toolName\":\"TaskList\",\"inputJson\":\"{}\"}",
        "{\"type\":\"tool_result\",\"callId\":\"call-1\",\"toolName\":\"TaskList\",\"text\":\"[]\",\"error\":false}",
        "{\"type\":\"system_item\",\"featureId\":\"builtin:task-reminders\",\"text\":\"2 tasks are stale\"}"),
        Files.readAllLines(file()));
  }

  @Test
  void aMultiLineTextStaysOneLine() throws IOException {
    try (History history = History.open(directory)) {
      history.append(new HistoryEntry.UserMessage("line one\nline two"));
    }
    assertEquals(1, Files.readAllLines(file()).size());
    try (History reopened = History.open(directory)) {
      assertEquals(List.of(new HistoryEntry.UserMessage("line one\nline two")), reopened.entries());
    }
  }

  @Test
  void everyEntryIsOnDiskWhenAppendReturns() throws IOException {
    try (History history = History.open(directory)) {
      history.append(new HistoryEntry.UserMessage("hi"));
      assertEquals(List.of("{\"type\":\"user_message\",\"text\":\"hi\"}"), Files.readAllLines(file()));
    }
  }

  @Test
  void aReopenedHistoryHasEveryEntryAndNothingToRecover() {
    writeConversation().close();

    try (History reopened = History.open(directory)) {
      assertEquals(CONVERSATION, reopened.entries());
      assertEquals(List.of(), reopened.recoveryDiagnostics());
    }
  }

  @Test
  void aTornLastLineIsTruncatedAndReportedAndEverythingBeforeIsKept() throws IOException {
    writeConversation().close();
    long whole = Files.size(file());
    Files.writeString(file(), "{\"type\":\"user_mess", StandardOpenOption.APPEND);

    try (History reopened = History.open(directory)) {
      assertEquals(CONVERSATION, reopened.entries());
      assertEquals(whole, Files.size(file()));
      List<Diagnostic> recovery = reopened.recoveryDiagnostics();
      assertEquals(1, recovery.size());
      assertEquals("yoi/history-recovered", recovery.get(0).code());
      assertEquals(Severity.WARNING, recovery.get(0).severity());
      assertTrue(recovery.get(0).message().contains("18 bytes at offset " + whole), recovery.get(0).message());
      assertTrue(recovery.get(0).message().contains("kept the 5 entries before"), recovery.get(0).message());

      reopened.append(new HistoryEntry.UserMessage("after the crash"));
    }
    try (History again = History.open(directory)) {
      assertEquals(6, again.size());
      assertEquals(List.of(), again.recoveryDiagnostics());
    }
  }

  @Test
  void aTornTailOfZeroBytesIsTruncatedToo() throws IOException {
    writeConversation().close();
    Files.write(file(), new byte[64], StandardOpenOption.APPEND);

    try (History reopened = History.open(directory)) {
      assertEquals(CONVERSATION, reopened.entries());
      assertEquals(1, reopened.recoveryDiagnostics().size());
    }
  }

  @Test
  void aWholeLastEntryMissingOnlyItsNewlineIsKept() throws IOException {
    Files.writeString(file(), "{\"type\":\"user_message\",\"text\":\"hi\"}");

    try (History reopened = History.open(directory)) {
      reopened.append(new HistoryEntry.AssistantMessage("hello"));
    }
    try (History again = History.open(directory)) {
      assertEquals(List.of(new HistoryEntry.UserMessage("hi"), new HistoryEntry.AssistantMessage("hello")),
          again.entries());
    }
  }

  @Test
  void aDamagedLineBeforeTheLastIsRefusedAndTheFileIsLeftAlone() throws IOException {
    String content = "{\"type\":\"user_message\",\"text\":\"hi\"}\n"
        + "garbage\n"
        + "{\"type\":\"assistant_message\",\"text\":\"hello\"}\n";
    Files.writeString(file(), content);

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> History.open(directory));

    assertTrue(e.getMessage().contains("line 2 is damaged"), e.getMessage());
    assertEquals(content, Files.readString(file()));
  }

  @Test
  void aToolCallLeftWithoutResultGetsAnErrorResultOnReopen() throws IOException {
    try (History history = History.open(directory)) {
      history.append(new HistoryEntry.UserMessage("forecast please"));
      history.append(new HistoryEntry.ToolCall(history.newCallId(), "Forecast", "{\"city\":\"Oslo\"}"));
    }

    try (History reopened = History.open(directory)) {
      assertEquals(new HistoryEntry.ToolResult("call-1", "Forecast", History.INTERRUPTED_RESULT, true),
          reopened.entries().get(2));
      assertTrue(reopened.recoveryDiagnostics().get(0).message().contains("call-1 (Forecast)"));
    }
    try (History again = History.open(directory)) {
      assertEquals(3, again.size());
      assertEquals(List.of(), again.recoveryDiagnostics());
    }
  }

  @Test
  void callIdsContinueAfterReopen() {
    try (History history = History.open(directory)) {
      String id = history.newCallId();
      history.append(new HistoryEntry.ToolCall(id, "TaskList", "{}"));
      history.append(new HistoryEntry.ToolResult(id, "TaskList", "[]", false));
    }
    try (History reopened = History.open(directory)) {
      assertEquals("call-2", reopened.newCallId());
    }
  }

  @Test
  void eachToolCallHasExactlyOneResult() {
    try (History history = History.inMemory()) {
      history.append(new HistoryEntry.ToolCall("call-1", "TaskList", "{}"));

      assertThrows(IllegalArgumentException.class,
          () -> history.append(new HistoryEntry.ToolCall("call-1", "TaskList", "{}")));
      assertThrows(IllegalArgumentException.class,
          () -> history.append(new HistoryEntry.ToolResult("call-2", "TaskList", "[]", false)));
      assertThrows(IllegalArgumentException.class,
          () -> history.append(new HistoryEntry.ToolResult("call-1", "TaskGet", "[]", false)));
      history.append(new HistoryEntry.ToolResult("call-1", "TaskList", "[]", false));
      assertThrows(IllegalArgumentException.class,
          () -> history.append(new HistoryEntry.ToolResult("call-1", "TaskList", "[]", false)));
      assertEquals(2, history.size());
    }
  }

  @Test
  void aHistoryOpenInAnotherPodCannotBeOpenedTwice() {
    try (History first = History.open(directory)) {
      first.append(new HistoryEntry.UserMessage("mine"));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> History.open(directory));
      assertTrue(e.getMessage().contains("is open in another Pod"), e.getMessage());
      assertTrue(e.getMessage().contains("in this process (pid " + ProcessHandle.current().pid() + ")"),
          e.getMessage());
    }
    History.open(directory).close();
  }

  @Test
  void anInMemoryHistoryKeepsEntriesAndHasNoFile() {
    try (History history = History.inMemory()) {
      CONVERSATION.forEach(history::append);
      assertEquals(CONVERSATION, history.entries());
      assertTrue(history.file().isEmpty());
    }
  }

  @Test
  void appendAfterCloseIsRefused() {
    History history = History.inMemory();
    history.close();
    assertThrows(IllegalStateException.class, () -> history.append(new HistoryEntry.UserMessage("late")));
  }

  @Test
  void entriesAreASnapshot() {
    try (History history = History.inMemory()) {
      List<HistoryEntry> before = history.entries();
      history.append(new HistoryEntry.UserMessage("hi"));
      assertEquals(List.of(), before);
      assertThrows(UnsupportedOperationException.class, () -> history.entries().clear());
    }
  }

  @Test
  void utf8TextSurvivesReopen() throws IOException {
    try (History history = History.open(directory)) {
      history.append(new HistoryEntry.UserMessage("Grüße, 東京 🌧"));
    }
    assertTrue(Files.readString(file(), StandardCharsets.UTF_8).contains("Grüße, 東京 🌧"));
    try (History reopened = History.open(directory)) {
      assertEquals(List.of(new HistoryEntry.UserMessage("Grüße, 東京 🌧")), reopened.entries());
    }
  }

  // ---- issue 12: limits are explicit and symmetric; recovery never truncates a whole line --------

  @Test
  void anEntryOverTheLimitIsRefusedAndNothingOfItIsWritten() throws IOException {
    EntryLimit limit = new EntryLimit(EntryLimit.FLOOR);
    try (History history = History.open(directory, limit)) {
      history.append(new HistoryEntry.UserMessage("u".repeat(EntryLimit.FLOOR)));
      long size = Files.size(file());

      EntryTooLargeException e = assertThrows(EntryTooLargeException.class,
          () -> history.append(new HistoryEntry.AssistantMessage("a".repeat(EntryLimit.FLOOR + 1))));

      assertTrue(e.getMessage().startsWith("the history's AssistantMessage entry is 65537 bytes"), e.getMessage());
      assertTrue(e.getMessage().contains("Pod.builder().maxEntryBytes(..)"), e.getMessage());
      assertEquals(size, Files.size(file()));
      assertEquals(1, history.size());
    }
  }

  @Test
  void aWholeLastLineLongerThanThisReaderAcceptsIsAnErrorAndTheFileIsLeftAlone() throws IOException {
    try (History history = History.open(directory)) { // written under the 8 MiB default
      history.append(new HistoryEntry.UserMessage("hi"));
      history.append(new HistoryEntry.AssistantMessage("a".repeat(1 << 20)));
    }
    byte[] before = Files.readAllBytes(file());

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> History.open(directory, new EntryLimit(EntryLimit.FLOOR)));

    assertTrue(e.getMessage().contains("line 2 holds a value longer than this Pod reads"), e.getMessage());
    assertTrue(e.getMessage().contains("Nothing was changed; open it with a larger limit"
        + " (Pod.builder().maxEntryBytes(..))"), e.getMessage());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file())), "nothing was truncated");
    try (History reopened = History.open(directory)) {
      assertEquals(2, reopened.size());
      assertEquals(List.of(), reopened.recoveryDiagnostics());
    }
  }

  @Test
  void aWholeLastLineThatIsNotAnEntryIsAnErrorNotATornTail() throws IOException {
    writeConversation().close();
    Files.writeString(file(), "{\"type\":\"tool_progress\",\"percent\":50}\n", StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(file());

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> History.open(directory));

    assertTrue(e.getMessage().contains("line 6 is a whole JSON value but not a history entry"), e.getMessage());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file())), "nothing was truncated");
  }

  @Test
  void loneSurrogatesAreStoredEscapedAndReadBackExactly() throws IOException {
    List<HistoryEntry> entries = List.of(
        new HistoryEntry.UserMessage("high \uD800 alone"),
        new HistoryEntry.ToolCall("call-1", "Echo", "{\"text\":\"\uDC00\"}"),
        new HistoryEntry.ToolResult("call-1", "Echo", "\uDC00 then a pair \uD83C\uDF27", false));
    try (History history = History.open(directory)) {
      entries.forEach(history::append);
    }

    String text = Files.readString(file(), StandardCharsets.UTF_8);
    assertTrue(text.toLowerCase(java.util.Locale.ROOT).contains("high \\ud800 alone"), text);
    assertTrue(!text.contains("?"), text);
    try (History reopened = History.open(directory)) {
      assertEquals(entries, reopened.entries());
    }
  }
}
