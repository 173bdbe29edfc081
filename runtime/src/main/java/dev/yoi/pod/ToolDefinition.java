package dev.yoi.pod;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What the model is told about one tool.
 *
 * @param name the model-visible name
 * @param description what the model reads
 * @param inputSchema the JSON Schema (draft 2020-12) its input must match
 * @param featureId the feature that contributed it, e.g. {@code builtin:task-tools}
 */
public record ToolDefinition(String name, String description, JsonNode inputSchema, String featureId) {
  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    inputSchema = Objects.requireNonNull(inputSchema, "inputSchema").deepCopy();
    Objects.requireNonNull(featureId, "featureId");
  }

  /** A defensive copy: {@link JsonNode} trees are mutable. */
  @Override
  public JsonNode inputSchema() {
    return inputSchema.deepCopy();
  }
}
