package dev.yoi.mcp.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.pod.Pod;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A started Pod's tools served over MCP with the official MCP Java SDK:
 *
 * <ul>
 *   <li>{@code tools/list}: every tool the Pod offers its own model, with its description and
 *       build-time input schema; {@code _meta["dev.yoi/feature"]} names the contributing feature.
 *       Tools the manifest denies are listed too, and a call to one is answered by the Pod's
 *       manifest rule as an error result (docs/mcp.md says why).
 *   <li>{@code tools/call}: {@link Pod#callTool}, so pre-tool-call hooks, input validation,
 *       tool-result hooks and the history apply; every outcome is a tool result, failures with
 *       {@code isError: true} and the Pod's message, never a protocol error.
 *   <li>capabilities: {@code tools} without {@code listChanged} (a started Pod's tools never
 *       change) and {@code logging}, for the features' model notifications
 *       ({@link ClientNotifications}).
 * </ul>
 *
 * <p>The Pod stays the caller's: closing the server does not close it.
 */
public final class PodMcpServer implements AutoCloseable {
  /** The name in the server's {@code initialize} answer. */
  public static final String NAME = "yoi";

  private final McpSyncServer server;
  private final TrackedSessions sessions;
  private final ClientNotifications notifications;

  private PodMcpServer(McpSyncServer server, TrackedSessions sessions, ClientNotifications notifications) {
    this.server = server;
    this.sessions = sessions;
    this.notifications = notifications;
  }

  /**
   * Serves {@code pod} over stdio: JSON-RPC messages, one per line, read from {@code in} and
   * written to {@code out}. Nothing else may write to {@code out}.
   *
   * @param pod a started Pod
   * @param notifications the relay given to the Pod's builder, or a fresh one to relay nothing
   */
  @SuppressWarnings("deprecation") // ServerCapabilities.Builder.logging(): deprecated in SDK 2.2.0
  // with no replacement, and still the only way a client of the protocol versions it speaks is told
  // that the server sends notifications/message and takes logging/setLevel.
  public static PodMcpServer stdio(Pod pod, InputStream in, OutputStream out, ClientNotifications notifications) {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(notifications, "notifications");
    ObjectMapper json = new ObjectMapper();
    McpJsonMapper mapper = new JacksonMcpJsonMapper(json);
    TrackedSessions sessions = new TrackedSessions(new StdioServerTransportProvider(mapper, in, out));
    McpSyncServer server = McpServer.sync(sessions)
        .serverInfo(NAME, version())
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).logging().build())
        .jsonMapper(mapper)
        .jsonSchemaValidator(new DefaultJsonSchemaValidator(json))
        // The Pod validates every input against the same schema and answers with its own message.
        .validateToolInputs(false)
        .tools(ServedTools.of(pod, mapper))
        .build();
    notifications.attach(sessions);
    return new PodMcpServer(server, sessions, notifications);
  }

  /** Waits until the client disconnected (for stdio: closed the server's input). */
  public void awaitDisconnect() throws InterruptedException {
    sessions.awaitAllClosed();
  }

  /** Stops relaying notifications and closes the sessions; the Pod stays open. */
  @Override
  public void close() {
    notifications.detach();
    server.closeGracefully();
  }

  private static String version() {
    String version = Pod.class.getPackage().getImplementationVersion();
    return version != null ? version : "development";
  }
}
