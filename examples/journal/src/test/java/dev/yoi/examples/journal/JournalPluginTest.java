package dev.yoi.examples.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.pod.LlmResponse;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.testkit.YoiTestPod;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The journal plugin as a host runs it: loaded from target/classes as a user plugin, beside the
 * builtins (yoi-builtins on the test class path), whose tool calls it journals too.
 */
class JournalPluginTest {

  @Test
  void installsAsAUserPluginBesideTheBuiltins() {
    try (YoiTestPod pod = YoiTestPod.user().grantAll().start()) {
      FeatureReport journal = pod.feature("journal");
      assertEquals("user:journal", journal.id());
      assertEquals(FeatureSource.USER, journal.source());
      assertEquals(List.of("STATE_STORE:journal"), journal.granted());
      assertEquals(FeatureSource.BUILTIN, pod.feature("builtin:task-tools").source());
      assertEquals("The journal is empty.", pod.callTool("JournalRead", "{}").text());
    }
  }

  @Test
  void journalsEveryToolResultAndEveryTurn() {
    try (YoiTestPod pod = YoiTestPod.user().grantAll()
        .script(LlmResponse.toolCall("TaskCreate", "{\"subject\":\"Pack\",\"description\":\"For Friday\"}"),
            LlmResponse.text("Created."))
        .start()) {
      pod.runTurn("Remind me to pack");
      assertEquals(String.join("\n",
              "1. tool TaskCreate returned: Created #1 [PENDING] Pack",
              "2. turn 1: 1 tool call(s) for \"Remind me to pack\""),
          pod.callTool("JournalRead", "{}").text());
    }
  }

  @Test
  void aFailedToolIsJournaledAsFailed() {
    try (YoiTestPod pod = YoiTestPod.user().grantAll().start()) {
      pod.callTool("TaskGet", "{\"id\":\"42\"}");
      String journal = pod.callTool("JournalRead", "{\"last\":1}").text();
      assertTrue(journal.startsWith("1. tool TaskGet failed: "), journal);
    }
  }

  @Test
  void lastReadsOnlyTheLatestEntries() {
    try (YoiTestPod pod = YoiTestPod.user().grantAll().start()) {
      for (int i = 0; i < 3; i++) {
        pod.callTool("TaskList", "{}");
      }
      // JournalRead's own results are journaled too: 3 TaskList results, then the first read.
      String two = pod.callTool("JournalRead", "{\"last\":2}").text();
      assertEquals(List.of("2. tool TaskList returned: No tasks yet.", "3. tool TaskList returned: No tasks yet."),
          two.lines().toList(), two);
      assertTrue(pod.callTool("JournalRead", "{\"last\":1}").text().startsWith("4. tool JournalRead returned: "));
    }
  }

  @Test
  void theJournalSurvivesARestartAndContinuesItsNumbering() {
    YoiTestPod first = YoiTestPod.user().grantAll().start();
    first.callTool("TaskList", "{}");
    try (YoiTestPod second = first.restart()) {
      second.callTool("TaskList", "{}");
      List<String> entries = second.callTool("JournalRead", "{}").text().lines().toList();
      assertEquals(2, entries.size(), entries.toString());
      assertTrue(entries.get(0).startsWith("1. tool TaskList"), entries.toString());
      assertTrue(entries.get(1).startsWith("2. tool TaskList"), entries.toString());
      assertEquals(3, second.history(HistoryEntry.ToolCall.class).size(), "both Pods' calls are in the history");
    }
  }

  @Test
  void withoutItsStoreItDoesNotInstall() {
    try (YoiTestPod pod = YoiTestPod.user().allowInstallFailures().start()) {
      FeatureReport journal = pod.feature("journal");
      assertFalse(journal.installed());
      assertTrue(journal.hasDiagnostic("yoi/authority-denied"));
      assertTrue(pod.report().feature("builtin:task-tools").orElseThrow().installed(), "the builtins still install");
    }
  }
}
