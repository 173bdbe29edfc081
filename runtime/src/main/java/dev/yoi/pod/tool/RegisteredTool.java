package dev.yoi.pod.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.Schema;
import java.io.IOException;

/**
 * A committed tool with what each call needs: the schema, compiled when the tool is staged, and
 * the decoder, built on the first call that decodes (building it introspects the input record, a
 * cost a Pod with thousands of tools should not pay at start for tools never called).
 */
final class RegisteredTool {
  private final ToolDefinition definition;
  private final Tool<Object> tool;
  private final Class<?> inputType;
  private final Schema schema;
  private final ObjectMapper mapper;
  private volatile ObjectReader decoder;

  RegisteredTool(ToolDefinition definition, Tool<Object> tool, Class<?> inputType, Schema schema, ObjectMapper mapper) {
    this.definition = definition;
    this.tool = tool;
    this.inputType = inputType;
    this.schema = schema;
    this.mapper = mapper;
  }

  ToolDefinition definition() {
    return definition;
  }

  Tool<Object> tool() {
    return tool;
  }

  Class<?> inputType() {
    return inputType;
  }

  Schema schema() {
    return schema;
  }

  String featureId() {
    return definition.featureId();
  }

  String name() {
    return definition.name();
  }

  /** The validated input as the tool's input type ({@code JsonNode} input is passed as is). */
  Object decode(JsonNode input) throws IOException {
    if (JsonNode.class.isAssignableFrom(inputType)) {
      return input;
    }
    ObjectReader reader = decoder;
    if (reader == null) {
      reader = mapper.readerFor(inputType); // racing threads build equal readers; either is kept
      decoder = reader;
    }
    return reader.readValue(input);
  }
}
