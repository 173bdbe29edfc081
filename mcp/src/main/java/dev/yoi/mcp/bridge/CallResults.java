package dev.yoi.mcp.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.pod.tool.ToolResult;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Turns what {@code tools/call} produced into the result the model sees: the server's content as
 * text (an error result when the server says so), and every failure on the way (a protocol error,
 * a timeout, a dead server) as an error result naming what happened, never an exception.
 */
final class CallResults {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CallResults() {}

  static ToolResult of(McpSchema.CallToolResult result) {
    StringBuilder text = new StringBuilder();
    if (result.content() != null) {
      for (McpSchema.Content content : result.content()) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(text(content));
      }
    }
    if (text.length() == 0 && result.structuredContent() != null) {
      try {
        text.append(JSON.writeValueAsString(result.structuredContent()));
      } catch (JsonProcessingException e) {
        text.append(result.structuredContent());
      }
    }
    return Boolean.TRUE.equals(result.isError()) ? ToolResult.error(text.toString()) : ToolResult.text(text.toString());
  }

  private static String text(McpSchema.Content content) {
    if (content instanceof McpSchema.TextContent t) {
      return t.text();
    }
    if (content instanceof McpSchema.ImageContent image) {
      return "[image " + image.mimeType() + ", " + length(image.data()) + " characters of base64]";
    }
    if (content instanceof McpSchema.AudioContent audio) {
      return "[audio " + audio.mimeType() + ", " + length(audio.data()) + " characters of base64]";
    }
    if (content instanceof McpSchema.EmbeddedResource embedded) {
      if (embedded.resource() instanceof McpSchema.TextResourceContents resource) {
        return resource.text();
      }
      return "[resource " + embedded.resource().uri() + " (" + embedded.resource().mimeType() + ")]";
    }
    if (content instanceof McpSchema.ResourceLink link) {
      return "[resource link " + link.uri() + (link.name() == null ? "" : " " + link.name()) + "]";
    }
    return "[" + content.type() + " content]";
  }

  private static int length(String data) {
    return data == null ? 0 : data.length();
  }

  /** The error result for a call that failed on the way to or from the server. */
  static ToolResult failure(String featureId, String tool, RuntimeException e, Duration timeout) {
    Optional<Session.Exited> exited = Session.Exited.in(e);
    if (exited.isPresent()) {
      return ToolResult.error("The MCP server of " + featureId + " exited with code " + exited.get().code()
          + " during the call of \"" + tool + "\"; the host starts it again.");
    }
    if (causedBy(e, TimeoutException.class)) {
      return ToolResult.error("The tool \"" + tool + "\" of " + featureId + " did not answer within "
          + seconds(timeout) + " (the bridge's call timeout), so the call was abandoned.");
    }
    McpError protocol = find(e, McpError.class);
    if (protocol != null && protocol.getJsonRpcError() != null) {
      return ToolResult.error("The MCP server of " + featureId + " refused the call of \"" + tool + "\": "
          + protocol.getJsonRpcError().message() + " (JSON-RPC error " + protocol.getJsonRpcError().code() + ").");
    }
    Throwable root = McpError.findRootCause(e);
    return ToolResult.error("The call of \"" + tool + "\" to the MCP server of " + featureId + " failed: "
        + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()) + ".");
  }

  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    return find(e, type) != null;
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
