package dev.yoi.mcp.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.ToolDescriptor;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** A server's tool as a descriptor holds it: the name, description and input schema the model sees. */
public final class ServerTools {
  /** Only turns the SDK's plain maps into trees; never configured, never shared. */
  private static final ObjectMapper TREES = new ObjectMapper();

  private ServerTools() {}

  /**
   * The declaration of {@code tool}: a bridged tool has no class of its own and takes JSON. A
   * missing description is empty and a missing schema is {@code {}}, as the server gave them.
   */
  public static ToolDescriptor declaration(McpSchema.Tool tool) {
    return new ToolDescriptor(tool.name(), tool.description() == null ? "" : tool.description(), "",
        JsonNode.class.getName(), schema(tool.inputSchema()), List.of());
  }

  /** The input schema as a canonical tree ({@code {}} when the server sent none). */
  static JsonNode schema(Map<String, Object> inputSchema) {
    if (inputSchema == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    return CanonicalJson.sorted(TREES.valueToTree(inputSchema));
  }

  /** Whether what the model would see of {@code listed} is exactly what {@code pinned} declares. */
  static boolean same(ToolDescriptor pinned, ToolDescriptor listed) {
    return pinned.description().equals(listed.description())
        && CanonicalJson.write(pinned.inputSchema()).equals(CanonicalJson.write(listed.inputSchema()));
  }
}
