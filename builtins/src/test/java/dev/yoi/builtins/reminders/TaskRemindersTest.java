package dev.yoi.builtins.reminders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.builtins.Pods;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.RequiredServiceReport;
import dev.yoi.pod.Alert;
import dev.yoi.pod.LlmResponse;
import dev.yoi.pod.Pod;
import dev.yoi.pod.ScriptedLlmClient;
import dev.yoi.pod.history.HistoryEntry;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskRemindersTest {
  @Test
  void usesTheTaskStoreOfTaskTools() {
    try (Pod pod = Pods.builtins().build()) {
      FeatureReport reminders = pod.start().feature("builtin:task-reminders").orElseThrow();

      assertTrue(reminders.installed(), reminders.diagnostics().toString());
      RequiredServiceReport store = reminders.services().get(0);
      assertEquals("builtin:task-store", store.id());
      assertEquals(RequiredServiceReport.Status.RESOLVED, store.status());
      assertEquals("builtin:task-tools", store.provider());
    }
  }

  @Test
  void withoutTaskToolsItIsNotInstalledAndSaysWhichServiceIsMissing() {
    try (Pod pod = Pods.builtins()
        .manifest(Pods.manifest("{\"features\": {\"disable\": [\"builtin:task-tools\"]}}"))
        .build()) {
      InstallReport report = pod.start();
      FeatureReport reminders = report.feature("builtin:task-reminders").orElseThrow();

      assertFalse(reminders.installed());
      assertTrue(reminders.hasDiagnostic("yoi/missing-service"), reminders.diagnostics().toString());
    }
  }

  @Test
  void aTaskLeftInProgressForAWholeTurnIsRemindedThroughHistory() throws InterruptedException {
    CountDownLatch reminded = new CountDownLatch(1);
    ScriptedLlmClient model = new ScriptedLlmClient(
        new LlmResponse("", List.of(
            new LlmResponse.ToolCallRequest("TaskCreate", "{\"subject\":\"Pack for Lisbon\"}"),
            new LlmResponse.ToolCallRequest("TaskUpdate", "{\"id\":\"1\",\"status\":\"IN_PROGRESS\"}"))),
        LlmResponse.text("Started packing."),
        LlmResponse.text("Sure, anything else?"));
    try (Pod pod = Pods.builtins().model(model).alerts((Alert alert) -> {
      if (alert.featureId().equals("builtin:task-reminders")) {
        reminded.countDown();
      }
    }).build()) {
      pod.start();
      pod.runTurn("Help me pack for Lisbon.");
      pod.runTurn("What's the weather like?"); // the task is not touched in this turn

      assertTrue(reminded.await(30, TimeUnit.SECONDS), "no reminder");
      List<HistoryEntry.SystemItem> notes = pod.history().stream()
          .filter(HistoryEntry.SystemItem.class::isInstance).map(HistoryEntry.SystemItem.class::cast).toList();
      assertEquals(1, notes.size(), notes.toString());
      assertEquals("builtin:task-reminders", notes.get(0).featureId());
      assertTrue(notes.get(0).text().startsWith("Task #1 [IN_PROGRESS] Pack for Lisbon is still in progress"),
          notes.get(0).text());
    }
  }
}
