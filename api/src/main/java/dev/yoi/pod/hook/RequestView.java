package dev.yoi.pod.hook;

import java.util.List;

/**
 * A read-only view of the request about to go to the model.
 *
 * @param turn the turn number, from 1
 * @param userMessage the user message that started the turn
 * @param round the model request within the turn, from 1
 * @param toolNames the tools offered to the model, sorted
 */
public record RequestView(long turn, String userMessage, int round, List<String> toolNames) {
  public RequestView {
    toolNames = List.copyOf(toolNames);
  }
}
