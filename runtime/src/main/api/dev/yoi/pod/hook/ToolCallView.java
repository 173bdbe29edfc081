package dev.yoi.pod.hook;

/**
 * A read-only view of one tool call.
 *
 * @param callId the id the history records it under
 * @param toolName the tool the model asked for
 * @param inputJson the model's input, as JSON text
 */
public record ToolCallView(String callId, String toolName, String inputJson) {}
