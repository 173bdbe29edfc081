package dev.yoi.pod.hook;

/** Runs before each tool call; the first deny wins. A hook that throws denies: fail closed. */
@FunctionalInterface
public interface PreToolCallHook {
  PreToolCallDecision beforeToolCall(ToolCallView call) throws Exception;
}
