package dev.yoi.builtins.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.builtins.Pods;
import dev.yoi.feature.ContributionReport;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.InstallReport;
import dev.yoi.pod.Pod;
import dev.yoi.pod.tool.ToolResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskToolsTest {
  private Pod pod;
  private InstallReport report;

  @BeforeEach
  void start() {
    pod = Pods.builtins().build();
    report = pod.start();
  }

  @AfterEach
  void close() {
    pod.close();
  }

  @Test
  void installsFourToolsAHookAndTheTaskStoreService() {
    FeatureReport tasks = report.feature("builtin:task-tools").orElseThrow();

    assertTrue(tasks.installed(), tasks.diagnostics().toString());
    for (String tool : new String[] {"TaskCreate", "TaskUpdate", "TaskGet", "TaskList"}) {
      assertEquals(ContributionReport.Status.INSTALLED,
          tasks.contribution(ContributionReport.Kind.TOOL, tool).orElseThrow().status(), tool);
    }
    assertEquals(ContributionReport.Status.INSTALLED,
        tasks.contribution(ContributionReport.Kind.SERVICE, "builtin:task-store").orElseThrow().status());
  }

  @Test
  void aCreatedTaskIsPendingAndGetShowsItsDescription() {
    ToolResult created = pod.callTool("TaskCreate", "{\"subject\":\"Pack for Lisbon\",\"description\":\"Flight on Friday\"}");
    ToolResult got = pod.callTool("TaskGet", "{\"id\":\"1\"}");

    assertEquals("Created #1 [PENDING] Pack for Lisbon", created.text());
    assertEquals("#1 [PENDING] Pack for Lisbon\nFlight on Friday", got.text());
  }

  @Test
  void listFiltersByTheStatusAnUpdateSet() {
    pod.callTool("TaskCreate", "{\"subject\":\"Pack\"}");
    pod.callTool("TaskCreate", "{\"subject\":\"Book a taxi\"}");
    ToolResult updated = pod.callTool("TaskUpdate", "{\"id\":\"2\",\"status\":\"IN_PROGRESS\"}");

    assertEquals("Updated #2 [IN_PROGRESS] Book a taxi", updated.text());
    assertEquals("#2 [IN_PROGRESS] Book a taxi", pod.callTool("TaskList", "{\"status\":\"IN_PROGRESS\"}").text());
    assertEquals("#1 [PENDING] Pack\n#2 [IN_PROGRESS] Book a taxi", pod.callTool("TaskList", "{}").text());
  }

  @Test
  void updatingAnUnknownTaskIsAnErrorThatListsTheIdsThatExist() {
    pod.callTool("TaskCreate", "{\"subject\":\"Pack\"}");

    ToolResult result = pod.callTool("TaskUpdate", "{\"id\":\"7\",\"status\":\"COMPLETED\"}");

    assertTrue(result.isError());
    assertEquals("no task #7; existing ids: 1", result.text());
  }

  @Test
  void aStatusTheSchemaDoesNotKnowNeverReachesTheTool() {
    pod.callTool("TaskCreate", "{\"subject\":\"Pack\"}");

    ToolResult result = pod.callTool("TaskUpdate", "{\"id\":\"1\",\"status\":\"DONE\"}");

    assertTrue(result.isError(), result.text());
    assertFalse(pod.callTool("TaskGet", "{\"id\":\"1\"}").text().contains("DONE"));
  }

  @Test
  void anUpdateThatChangesNothingIsRefused() {
    pod.callTool("TaskCreate", "{\"subject\":\"Pack\"}");

    ToolResult result = pod.callTool("TaskUpdate", "{\"id\":\"1\"}");

    assertTrue(result.isError());
    assertEquals("nothing to change: give a status, subject or description", result.text());
  }

  @Test
  void gettingAnUnknownTaskIsAnErrorResultThatListsTheIdsThatExist() {
    pod.callTool("TaskCreate", "{\"subject\":\"Pack\"}");

    ToolResult result = pod.callTool("TaskGet", "{\"id\":\"9\"}");
    ToolResult hashed = pod.callTool("TaskGet", "{\"id\":\"#9\"}");

    assertTrue(result.isError());
    assertEquals("no task #9; existing ids: 1", result.text());
    assertEquals("no task #9; existing ids: 1", hashed.text());
  }

  @Test
  void anUnknownIdOnAnEmptyListSaysHowToAddATask() {
    ToolResult result = pod.callTool("TaskUpdate", "{\"id\":\"1\",\"status\":\"COMPLETED\"}");

    assertTrue(result.isError());
    assertEquals("no task #1; the list is empty (TaskCreate adds one)", result.text());
  }

  @Test
  void aBlankSubjectIsRefusedOnCreateAndOnUpdate() {
    pod.callTool("TaskCreate", "{\"subject\":\"Pack\"}");

    ToolResult created = pod.callTool("TaskCreate", "{\"subject\":\"  \"}");
    ToolResult updated = pod.callTool("TaskUpdate", "{\"id\":\"1\",\"subject\":\" \"}");

    assertTrue(created.isError(), created.text());
    assertTrue(updated.isError(), updated.text());
    assertEquals("#1 [PENDING] Pack", pod.callTool("TaskGet", "{\"id\":\"1\"}").text());
  }

  @Test
  void aTaskMovesThroughInProgressToCompletedAndTheListFiltersEachStatus() {
    pod.callTool("TaskCreate", "{\"subject\":\"Pack\"}");
    pod.callTool("TaskUpdate", "{\"id\":\"#1\",\"status\":\"IN_PROGRESS\"}");

    ToolResult done = pod.callTool("TaskUpdate", "{\"id\":\"1\",\"status\":\"COMPLETED\"}");

    assertEquals("Updated #1 [COMPLETED] Pack", done.text());
    assertEquals("#1 [COMPLETED] Pack", pod.callTool("TaskList", "{\"status\":\"COMPLETED\"}").text());
    assertEquals("No IN_PROGRESS tasks.", pod.callTool("TaskList", "{\"status\":\"IN_PROGRESS\"}").text());
  }

  @Test
  void anEmptyListSaysSo() {
    assertEquals("No tasks yet.", pod.callTool("TaskList", "{}").text());
  }

  @Test
  void aCallWithoutTheRequiredSubjectIsAnErrorResultAndCreatesNothing() {
    ToolResult result = pod.callTool("TaskCreate", "{\"description\":\"no title\"}");

    assertTrue(result.isError(), result.text());
    assertEquals("No tasks yet.", pod.callTool("TaskList", "{}").text());
  }
}
