package dev.yoi.pod.tool;

import java.util.Objects;

/**
 * What a tool call returns to the model.
 *
 * @param text the model-visible text
 * @param isError whether the call failed (the model sees it as an error result)
 */
public record ToolResult(String text, boolean isError) {
  public ToolResult {
    Objects.requireNonNull(text, "text");
  }

  public static ToolResult text(String text) {
    return new ToolResult(text, false);
  }

  public static ToolResult error(String message) {
    return new ToolResult(message, true);
  }
}
