package dev.yoi.mcp.server;

import dev.yoi.pod.Pod;
import dev.yoi.pod.tool.ToolResult;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The Pod's offered tools as MCP tools: the same names, descriptions and build-time schemas, each
 * call through {@link Pod#callTool} so hooks, input validation, manifest rules and the history
 * apply exactly as for the Pod's own model.
 */
final class ServedTools {
  /** The {@code _meta} key naming the feature that contributed a tool. */
  static final String FEATURE_META = "dev.yoi/feature";

  private ServedTools() {}

  static List<SyncToolSpecification> of(Pod pod, McpJsonMapper mapper) {
    return pod.offeredTools().stream()
        .map(offered -> SyncToolSpecification.builder()
            .tool(McpSchema.Tool.builder(offered.name(), mapper, offered.inputSchemaJson())
                .description(offered.description())
                .meta(Map.of(FEATURE_META, offered.featureId()))
                .build())
            .callHandler((exchange, request) -> call(pod, mapper, offered.name(), request.arguments()))
            .build())
        .toList();
  }

  /**
   * One call, answered as a tool result whatever happens: a denied, invalid or failing call is the
   * Pod's error result ({@code isError}), never a protocol error.
   */
  static CallToolResult call(Pod pod, McpJsonMapper mapper, String name, Map<String, Object> arguments) {
    String input;
    try {
      input = mapper.writeValueAsString(arguments == null ? Map.of() : arguments);
    } catch (IOException e) {
      return error("the arguments of tool \"" + name + "\" cannot be written as JSON: " + e.getMessage());
    }
    ToolResult result;
    try {
      result = pod.callTool(name, input);
    } catch (IllegalStateException e) {
      // The Pod is closing (the server is shutting down): the call was not made.
      return error("tool \"" + name + "\" was not called: " + e.getMessage());
    }
    return CallToolResult.builder().addTextContent(result.text()).isError(result.isError()).build();
  }

  private static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }
}
