package dev.yoi.pod.tool;

/**
 * A tool the model can call. Declare the implementing class with
 * {@link dev.yoi.feature.annotation.ToolContribution}; {@code I} is a record (its JSON Schema is
 * derived at build time) or {@code com.fasterxml.jackson.databind.JsonNode}.
 *
 * <p>The host validates the model's input against the schema and decodes it into {@code I} before
 * calling; an exception thrown here becomes an error result the model sees.
 */
@FunctionalInterface
public interface Tool<I> {
  ToolResult call(I input, ToolContext context) throws Exception;
}
