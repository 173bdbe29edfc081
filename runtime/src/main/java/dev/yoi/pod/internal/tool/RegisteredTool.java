package dev.yoi.pod.internal.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.yoi.feature.install.FeatureContributions;
import dev.yoi.pod.ToolDefinition;
import dev.yoi.pod.tool.Tool;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * A committed tool with what each call needs: the schema, compiled on the first call, and the
 * decoder, built on the first call that decodes, with the input class loaded then (compiling every
 * schema, and loading and introspecting every input record, is a cost a Pod with thousands of tools
 * should not pay at start for tools never called).
 */
final class RegisteredTool {
  private final Tool<Object> tool;
  private final FeatureContributions.ToolEntry entry;
  private final InputSchema schema;
  private final Supplier<ObjectMapper> mapper;
  private volatile ObjectReader decoder;
  /** Made when first asked for: it copies the schema tree twice, and a start commits every tool. */
  private volatile ToolDefinition definition;

  RegisteredTool(Tool<Object> tool, FeatureContributions.ToolEntry entry, InputSchema.Compiler schemas,
      Supplier<ObjectMapper> mapper) {
    this.tool = tool;
    this.entry = entry;
    // The schema tree is copied out of the definition only if the tool is ever called.
    this.schema = new InputSchema(this::schemaTree, schemas);
    this.mapper = mapper;
  }

  ToolDefinition definition() {
    ToolDefinition made = definition;
    if (made == null) {
      made = new ToolDefinition(entry.descriptor().name(), entry.descriptor().description(),
          entry.descriptor().inputSchema(), entry.featureId());
      definition = made; // racing threads make equal definitions; either is kept
    }
    return made;
  }

  private JsonNode schemaTree() {
    return definition().inputSchema();
  }

  Tool<Object> tool() {
    return tool;
  }

  /** The input class, loaded on first use. */
  Class<?> inputType() {
    return entry.inputType();
  }

  /** The input class's name, without loading it. */
  String inputTypeName() {
    return entry.inputTypeName();
  }

  InputSchema schema() {
    return schema;
  }

  String featureId() {
    return entry.featureId();
  }

  String name() {
    return entry.descriptor().name();
  }

  /** The validated input as the tool's input type ({@code JsonNode} input is passed as is). */
  Object decode(JsonNode input) throws IOException {
    ObjectReader reader = decoder;
    if (reader == null) {
      Class<?> type = entry.inputType(); // loaded here, on the first call (IllegalStateException if it cannot be)
      if (JsonNode.class.isAssignableFrom(type)) {
        return input;
      }
      reader = mapper.get().readerFor(type); // racing threads build equal readers; either is kept
      decoder = reader;
    }
    return reader.readValue(input);
  }
}
