package dev.yoi.pod.hook;

/**
 * A read-only view of one tool call.
 *
 * @param callId the id the history records it under; empty for a call that is not in a history
 * @param toolName the tool the model asked for
 * @param inputJson the model's input, as JSON text
 */
public record ToolCallView(String callId, String toolName, String inputJson) {
  /**
   * A call with no history id, e.g. to try a hook on its own:
   * {@code hook.beforeToolCall(new ToolCallView("Shell", "{\"command\":\"ls\"}"))}.
   */
  public ToolCallView(String toolName, String inputJson) {
    this("", toolName, inputJson);
  }
}
