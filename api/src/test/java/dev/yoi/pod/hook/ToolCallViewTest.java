package dev.yoi.pod.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ToolCallViewTest {
  @Test
  void aCallOutsideAnyHistoryHasAnEmptyCallId() {
    assertEquals(new ToolCallView("", "Shell", "{\"command\":\"ls\"}"), new ToolCallView("Shell", "{\"command\":\"ls\"}"));
  }

  @Test
  void aHookCanBeTriedOnItsOwn() throws Exception {
    PreToolCallHook noShell = call -> call.toolName().startsWith("Shell")
        ? PreToolCallDecision.deny("no shell") : PreToolCallDecision.allow();

    assertEquals(PreToolCallDecision.deny("no shell"), noShell.beforeToolCall(new ToolCallView("Shell", "{}")));
  }
}
