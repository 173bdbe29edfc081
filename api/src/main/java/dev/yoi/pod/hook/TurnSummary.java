package dev.yoi.pod.hook;

import java.util.List;

/**
 * What happened in a turn.
 *
 * @param turn the turn number, from 1
 * @param userMessage the user message that started it
 * @param assistantMessage the model's final text (empty if aborted)
 * @param toolCalls the tool calls made, in order
 * @param aborted whether a pre-request hook aborted it
 */
public record TurnSummary(
    long turn, String userMessage, String assistantMessage, List<ToolCallView> toolCalls, boolean aborted) {
  public TurnSummary {
    toolCalls = List.copyOf(toolCalls);
  }
}
