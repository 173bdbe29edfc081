package dev.yoi.pod;

import dev.yoi.pod.history.HistoryEntry;
import java.util.List;

/**
 * One request to the model.
 *
 * @param turn the turn number, from 1
 * @param round the request within the turn, from 1
 * @param history every history entry so far, oldest first (a read-only snapshot)
 * @param tools the tools the model may call, sorted by name
 */
public record LlmRequest(long turn, int round, List<HistoryEntry> history, List<ToolDefinition> tools) {
  public LlmRequest {
    history = List.copyOf(history);
    tools = List.copyOf(tools);
  }
}
