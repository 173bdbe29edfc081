package dev.yoi.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.history.EntryLimit;
import dev.yoi.pod.history.History;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.tool.ToolResult;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One entry limit, {@code Pod.builder().maxEntryBytes(..)}, for history entries, tool inputs, tool
 * results and state values: nothing over it is written, and whatever was written reads back (issue
 * 12, item 1; the review's repros are the first two tests).
 */
class PodEntryLimitTest {
  static final String NOTES = """
      package limits.notes;

      @Feature(id = "notes", name = "Notes")
      @RequiresAuthority(value = AuthorityKind.STATE_STORE, scope = "notes", reason = "keeps notes")
      @RequiresAuthority(value = AuthorityKind.MODEL_NOTIFICATION, reason = "tells the model")
      public class NotesFeature implements FeatureModule {
        public record Note(String key, String content) {}

        @ToolContribution(name = "Note", description = "Saves a note, like the builtin MemoryWrite")
        public static final class Save implements Tool<Note> {
          private final dev.yoi.pod.state.StateStore notes;

          Save(dev.yoi.pod.state.StateStore notes) {
            this.notes = notes;
          }

          @Override
          public ToolResult call(Note input, ToolContext context) {
            notes.put(input.key(), input.content());
            return ToolResult.text("saved " + input.key());
          }
        }

        public record Fill(String key, int chars) {}

        @ToolContribution(name = "Fill", description = "Saves a note of that many x")
        public static final class Filler implements Tool<Fill> {
          private final dev.yoi.pod.state.StateStore notes;

          Filler(dev.yoi.pod.state.StateStore notes) {
            this.notes = notes;
          }

          @Override
          public ToolResult call(Fill input, ToolContext context) {
            notes.put(input.key(), "x".repeat(input.chars()));
            return ToolResult.text("filled " + input.key());
          }
        }

        public record Size(int chars) {}

        @ToolContribution(name = "Big", description = "Returns that many characters")
        public static final class Big implements Tool<Size> {
          @Override
          public ToolResult call(Size input, ToolContext context) {
            return ToolResult.text("y".repeat(input.chars()));
          }
        }

        @ToolContribution(name = "Echo", description = "Returns its input")
        public static final class Echo implements Tool<JsonNode> {
          @Override
          public ToolResult call(JsonNode input, ToolContext context) {
            return ToolResult.text(input.toString());
          }
        }

        @ToolContribution(name = "Tell", description = "Notifies the model with that many z")
        public static final class Tell implements Tool<Size> {
          private final dev.yoi.pod.notify.ModelNotifier notifier;

          Tell(dev.yoi.pod.notify.ModelNotifier notifier) {
            this.notifier = notifier;
          }

          @Override
          public ToolResult call(Size input, ToolContext context) {
            try {
              notifier.notifyModel("z".repeat(input.chars()));
              return ToolResult.text("told");
            } catch (IllegalArgumentException e) {
              return ToolResult.error("not told: " + e.getMessage());
            }
          }
        }

        @Override
        public void install(InstallContext context) {
          context.tools().register(new Tell(context.notifier()));
          dev.yoi.pod.state.StateStore notes = context.stateStore("notes");
          context.tools().register(new Save(notes));
          context.tools().register(new Filler(notes));
          context.tools().register(new Big());
          context.tools().register(new Echo());
        }
      }
      """;

  /** Jackson's default string limit, which the review's repros just exceed. */
  static final int JACKSON_DEFAULT = 20_000_000;

  @TempDir static Path classes;
  static URLClassLoader notes;

  @TempDir Path directory;
  final List<Diagnostic> diagnostics = new ArrayList<>();

  @BeforeAll
  static void compileFeature() {
    notes = FeatureCompiler.loader(FeatureCompiler.compile(classes.resolve("notes"), FeatureCompiler.java(NOTES)));
  }

  @AfterAll
  static void closeLoader() throws IOException {
    notes.close();
  }

  Pod.Builder builder() {
    return Pod.builder().features(notes, FeatureSource.BUILTIN).history(directory)
        .diagnostics(diagnostics::add);
  }

  Pod started(Pod.Builder builder) {
    Pod pod = builder.build();
    pod.start();
    return pod;
  }

  /** The history as a fresh Pod reads it; it must open without any repair. */
  List<HistoryEntry> reopened(Pod.Builder builder) {
    try (Pod pod = builder.build()) {
      InstallReport report = pod.start();
      assertEquals(List.of(), report.diagnostics(), "the reopened history needed no repair");
      return pod.history();
    }
  }

  @Test
  void aMemoryWriteOfTwentyMillionAndOneCharsIsRefusedBeforeTheToolRunsAndTheHistoryReopens() {
    String input = "{\"key\":\"big\",\"content\":\"" + "m".repeat(JACKSON_DEFAULT + 1) + "\"}";
    ToolResult refused;
    ToolResult after;
    try (Pod pod = started(builder())) {
      refused = pod.callTool("Note", input);
      after = pod.callTool("Echo", "{\"after\":true}");
    }

    assertTrue(refused.isError(), refused.text());
    assertEquals(20_000_027, input.length());
    assertTrue(refused.text().startsWith("input for tool \"Note\" is 20000027 bytes of JSON, more than the"
        + " Pod's entry limit of 8388608 bytes (8 MiB), so the tool was not run"), refused.text());
    assertTrue(refused.text().contains("Pod.builder().maxEntryBytes(..)"), refused.text());
    assertEquals(ToolResult.text("{\"after\":true}"), after);
    assertEquals(List.of(
        new HistoryEntry.ToolCall("call-1", "Note",
            "{\"omittedInput\":{\"bytes\":20000027,\"entryLimitBytes\":8388608}}"),
        new HistoryEntry.ToolResult("call-1", "Note", refused.text(), true),
        new HistoryEntry.ToolCall("call-2", "Echo", "{\"after\":true}"),
        new HistoryEntry.ToolResult("call-2", "Echo", after.text(), false)), reopened(builder()));
    assertFalse(Files.exists(directory.resolve("state/builtin/notes/notes.json")), "the tool never ran");
  }

  @Test
  void aTwentyOneMegabyteToolResultAsTheLastEntryIsAnErrorResultAndTheHistoryReopensUnchanged() {
    ToolResult result;
    List<HistoryEntry> written;
    try (Pod pod = started(builder())) {
      result = pod.callTool("Big", "{\"chars\":21000000}");
      written = pod.history();
    }

    assertTrue(result.isError());
    assertEquals("tool \"Big\" returned a result of 21000000 bytes (20.0 MiB), more than the Pod's entry"
        + " limit of 8388608 bytes (8 MiB), so it was dropped and not recorded. Ask for less at once (a"
        + " narrower query, a page of it); the host sets the limit with Pod.builder().maxEntryBytes(..)",
        result.text());
    assertEquals(new HistoryEntry.ToolResult("call-1", "Big", result.text(), true), written.get(1));
    assertEquals(written, reopened(builder()));
    Diagnostic failed = diagnostics.stream()
        .filter(d -> d.code().equals(DiagnosticCode.TOOL_FAILED.code())).findFirst().orElseThrow();
    assertTrue(failed.message().contains("was expected to return a result within the Pod's entry limit"
        + " of 8388608 bytes (8 MiB) for call call-1, but returned 21000000 bytes"), failed.message());
  }

  @Test
  void underARaisedLimitATwentyOneMegabyteResultIsRecordedAndReadBackByteForByte() throws IOException {
    Pod.Builder raised = builder().maxEntryBytes(32 << 20);
    ToolResult result;
    try (Pod pod = started(raised)) {
      result = pod.callTool("Big", "{\"chars\":21000000}");
    }
    byte[] file = Files.readAllBytes(directory.resolve(History.FILE_NAME));

    assertEquals(ToolResult.text("y".repeat(21_000_000)), result);
    List<HistoryEntry> reopened = reopened(raised);
    assertEquals(new HistoryEntry.ToolResult("call-1", "Big", result.text(), false), reopened.get(1));
    assertTrue(java.util.Arrays.equals(file, Files.readAllBytes(directory.resolve(History.FILE_NAME))),
        "reopening changed nothing");
  }

  @Test
  void aToolInputOverTheLimitIsRefusedBeforeTheToolRunsAndHistoryRecordsItsSize() {
    Pod.Builder small = builder().maxEntryBytes(EntryLimit.FLOOR);
    String input = "{\"key\":\"k\",\"content\":\"" + "c".repeat(EntryLimit.FLOOR) + "\"}";
    assertEquals(65560, input.length());
    ToolResult refused;
    try (Pod pod = started(small)) {
      refused = pod.callTool("Note", input);
      assertEquals(List.of(
          new HistoryEntry.ToolCall("call-1", "Note",
              "{\"omittedInput\":{\"bytes\":65560,\"entryLimitBytes\":65536}}"),
          new HistoryEntry.ToolResult("call-1", "Note", refused.text(), true)), pod.history());
    }
    assertTrue(refused.text().contains("65560 bytes of JSON, more than the Pod's entry limit of 65536 bytes"
        + " (64 KiB), so the tool was not run"), refused.text());
    assertFalse(Files.exists(directory.resolve("state/builtin/notes/notes.json")), "the tool never ran");
  }

  @Test
  void aStateValueOverTheLimitThrowsToTheFeatureAndTheStoreKeepsWhatFitAndLoadsOnTheNextStart()
      throws IOException {
    Pod.Builder small = builder().maxEntryBytes(EntryLimit.FLOOR);
    ToolResult fits;
    ToolResult tooLarge;
    try (Pod pod = started(small)) {
      fits = pod.callTool("Fill", "{\"key\":\"a\",\"chars\":" + (EntryLimit.FLOOR - 1) + "}");
      tooLarge = pod.callTool("Fill", "{\"key\":\"b\",\"chars\":" + EntryLimit.FLOOR + "}");
    }

    assertEquals(ToolResult.text("filled a"), fits);
    assertEquals(ToolResult.error("tool \"Fill\" failed: EntryTooLargeException: an entry (key \"b\" with"
        + " its value) of state store \"notes\" of feature builtin:notes is 65537 bytes (64.0 KiB) of UTF-8"
        + " text, more than the Pod's entry limit of 65536 bytes (64 KiB), so nothing of it was written."
        + " Write less at once (split it, or page it), or have the host raise the limit with"
        + " Pod.builder().maxEntryBytes(..)"), tooLarge);
    assertEquals("{\"a\":\"" + "x".repeat(EntryLimit.FLOOR - 1) + "\"}",
        Files.readString(directory.resolve("state/builtin/notes/notes.json")));
    try (Pod pod = started(small)) {
      assertEquals(List.of("builtin:notes"), pod.report().orElseThrow().installOrder(),
          "the store loads, so the feature installs");
    }
  }

  @Test
  void aStateValueOverJacksonsDefaultIsRefusedUnderTheDefaultLimitSoTheFeatureStillInstalls() {
    ToolResult refused;
    try (Pod pod = started(builder())) {
      refused = pod.callTool("Fill", "{\"key\":\"big\",\"chars\":" + (JACKSON_DEFAULT + 1) + "}");
    }

    assertTrue(refused.isError() && refused.text().contains("EntryTooLargeException"), refused.text());
    try (Pod pod = started(builder())) {
      assertEquals(List.of("builtin:notes"), pod.report().orElseThrow().installOrder());
      assertEquals(ToolResult.text("filled small"), pod.callTool("Fill", "{\"key\":\"small\",\"chars\":1}"));
    }
  }

  @Test
  void aModelReplyOverTheLimitEndsTheTurnAsAModelFailureAndTheHistoryReopens() {
    Pod.Builder small = builder().maxEntryBytes(EntryLimit.FLOOR)
        .model(new ScriptedLlmClient(LlmResponse.text("r".repeat(EntryLimit.FLOOR + 1))));
    try (Pod pod = started(small)) {
      assertEquals("", pod.runTurn("Say a lot.").assistantMessage());
    }

    List<HistoryEntry> history = reopened(builder());
    assertEquals(new HistoryEntry.UserMessage("Say a lot."), history.get(0));
    HistoryEntry.SystemItem note = (HistoryEntry.SystemItem) history.get(1);
    assertTrue(note.text().startsWith("turn 1 ended without a reply: the model request failed"
        + " (EntryTooLargeException: the model's reply is 65537 bytes"), note.text());
    assertTrue(diagnostics.stream().anyMatch(d -> d.code().equals(DiagnosticCode.MODEL_FAILED.code())));
  }

  @Test
  void aModelNotificationOverTheLimitThrowsToTheFeatureAndNothingIsRecorded() {
    try (Pod pod = started(builder().maxEntryBytes(EntryLimit.FLOOR))) {
      ToolResult told = pod.callTool("Tell", "{\"chars\":" + (EntryLimit.FLOOR + 1) + "}");

      assertTrue(told.text().startsWith("not told: the history's SystemItem entry is 65550 bytes"), told.text());
      assertTrue(pod.history().stream().noneMatch(HistoryEntry.SystemItem.class::isInstance), "nothing recorded");
    }
  }
}
