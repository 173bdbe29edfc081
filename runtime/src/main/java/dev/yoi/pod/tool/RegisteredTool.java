package dev.yoi.pod.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.Schema;
import java.io.IOException;

/** A committed tool with what each call needs prepared once: the compiled schema and the decoder. */
record RegisteredTool(
    ToolDefinition definition, Tool<Object> tool, Class<?> inputType, Schema schema, ObjectReader decoder) {

  String featureId() {
    return definition.featureId();
  }

  String name() {
    return definition.name();
  }

  /** The validated input as the tool's input type ({@code JsonNode} input is passed as is). */
  Object decode(JsonNode input) throws IOException {
    return decoder == null ? input : decoder.readValue(input);
  }
}
