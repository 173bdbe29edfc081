package dev.yoi.pod;

import java.util.List;
import java.util.Objects;

/**
 * What the model answered.
 *
 * @param text what it said (may be empty when it only calls tools)
 * @param toolCalls the calls it asks for, in order; empty ends the turn
 */
public record LlmResponse(String text, List<ToolCallRequest> toolCalls) {
  public LlmResponse {
    text = text == null ? "" : text;
    toolCalls = List.copyOf(toolCalls);
  }

  /**
   * One tool call the model asks for. The Pod gives it a call id when it records it.
   *
   * @param name the tool's model-visible name
   * @param inputJson the input as JSON text
   */
  public record ToolCallRequest(String name, String inputJson) {
    public ToolCallRequest {
      Objects.requireNonNull(name, "name");
      inputJson = inputJson == null ? "{}" : inputJson;
    }
  }

  /** A final answer: text and no tool calls. */
  public static LlmResponse text(String text) {
    return new LlmResponse(text, List.of());
  }

  /** Tool calls without text. */
  public static LlmResponse toolCalls(ToolCallRequest... calls) {
    return new LlmResponse("", List.of(calls));
  }

  /** One tool call without text. */
  public static LlmResponse toolCall(String name, String inputJson) {
    return toolCalls(new ToolCallRequest(name, inputJson));
  }
}
