package dev.yoi.pod.hook;

import dev.yoi.pod.tool.ToolResult;

/** Observes each tool result before it reaches history. A hook that throws is reported, not fatal. */
@FunctionalInterface
public interface ToolResultHook {
  void afterToolCall(ToolCallView call, ToolResult result) throws Exception;
}
