package dev.yoi.builtins.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.builtins.Pods;
import dev.yoi.pod.Pod;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.tool.ToolResult;
import org.junit.jupiter.api.Test;

class ManifestPermissionsTest {
  @Test
  void denyWinsOverAnAllowThatAlsoMatches() {
    try (Pod pod = podWith("{\"tools\": {\"allow\": [\"*\"], \"deny\": [\"Memory*\"]}}")) {
      ToolResult result = pod.callTool("MemoryRead", "{\"key\":\"trip\"}");

      assertTrue(result.isError());
      assertTrue(result.text().contains("tool \"MemoryRead\" is denied by the Pod manifest"
          + " (tools.deny \"Memory*\"); deny rules win over allow rules"), result.text());
    }
  }

  @Test
  void aToolNoRuleDeniesStillRuns() {
    try (Pod pod = podWith("{\"tools\": {\"allow\": [\"*\"], \"deny\": [\"Memory*\"]}}")) {
      ToolResult result = pod.callTool("TaskList", "{}");

      assertFalse(result.isError(), result.text());
      assertEquals("No tasks yet.", result.text());
    }
  }

  @Test
  void anAllowListRefusesEveryToolItDoesNotMatch() {
    try (Pod pod = podWith("{\"tools\": {\"allow\": [\"Task?ist\", \"TaskGet\"]}}")) {
      ToolResult refused = pod.callTool("TaskCreate", "{\"subject\":\"Pack\"}");

      assertTrue(refused.isError());
      assertTrue(refused.text().contains("tool \"TaskCreate\" is not allowed by the Pod manifest: no"
          + " tools.allow rule matches it (allow: Task?ist, TaskGet)"), refused.text());
      assertFalse(pod.callTool("TaskList", "{}").isError());
    }
  }

  @Test
  void aRefusedCallNeverReachesTheToolButIsInHistory() {
    try (Pod pod = podWith("{\"tools\": {\"deny\": [\"TaskCreate\"]}}")) {
      pod.callTool("TaskCreate", "{\"subject\":\"Pack\"}");

      assertEquals("No tasks yet.", pod.callTool("TaskList", "{}").text());
      assertTrue(pod.history().stream().anyMatch(e -> e instanceof HistoryEntry.ToolResult r
          && r.toolName().equals("TaskCreate") && r.error()), pod.history().toString());
    }
  }

  @Test
  void withoutAManifestEveryToolRuns() {
    try (Pod pod = Pods.builtins().build()) {
      pod.start();

      assertFalse(pod.callTool("MemorySearch", "{\"query\":\"x\"}").isError());
    }
  }

  private static Pod podWith(String manifest) {
    Pod pod = Pods.builtins().manifest(Pods.manifest(manifest)).build();
    pod.start();
    return pod;
  }
}
