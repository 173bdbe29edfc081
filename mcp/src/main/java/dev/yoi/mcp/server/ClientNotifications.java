package dev.yoi.mcp.server;

import dev.yoi.pod.history.HistoryEntry;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.function.Consumer;

/**
 * Relays features' model notifications to the MCP clients as logging notifications
 * ({@code notifications/message}, level {@code info}, logger the feature id, data the text). Give
 * it to the Pod's builder ({@code Pod.Builder.modelNotifications}) and then to
 * {@link PodMcpServer}. Notifications before a client's {@code initialize} was answered, or
 * after the server closed, reach no client; the history holds every one. Alerts are not model notifications and never pass
 * here: they stay off the wire.
 */
public final class ClientNotifications implements Consumer<HistoryEntry.SystemItem> {
  /** The level of every relayed notification: normal information the client may show or filter. */
  static final McpSchema.LoggingLevel LEVEL = McpSchema.LoggingLevel.INFO;

  private volatile TrackedSessions sessions;

  @Override
  public void accept(HistoryEntry.SystemItem item) {
    TrackedSessions to = sessions;
    if (to != null) {
      to.log(new McpSchema.LoggingMessageNotification(LEVEL, item.featureId(), item.text()));
    }
  }

  void attach(TrackedSessions sessions) {
    this.sessions = sessions;
  }

  void detach() {
    this.sessions = null;
  }
}
