package dev.yoi.mcp.server;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A transport provider that knows its open sessions: the SDK's server sends logging notifications
 * only from inside a request handler, but features notify at any time (a background task), so the
 * relay needs the sessions themselves, each with the level its client set ({@code logging/setLevel}).
 * A session gets notifications once its client's {@code initialize} was answered. Also tells
 * when the last session closed (for stdio: the client closed its end).
 */
final class TrackedSessions implements McpServerTransportProvider {
  private final McpServerTransportProvider delegate;
  /** Each open session with its transport; guarded by {@code this}. */
  private final Map<McpServerSession, Watched> open = new LinkedHashMap<>();

  TrackedSessions(McpServerTransportProvider delegate) {
    this.delegate = delegate;
  }

  @Override
  public void setSessionFactory(McpServerSession.Factory factory) {
    delegate.setSessionFactory(transport -> {
      Watched watched = new Watched(transport);
      McpServerSession session = factory.create(watched);
      watched.session = session;
      synchronized (this) {
        open.put(session, watched);
      }
      return session;
    });
  }

  /** Sends {@code notification} to every initialized session whose client wants its level. */
  void log(McpSchema.LoggingMessageNotification notification) {
    for (McpServerSession session : initialized()) {
      if (session.isNotificationForLevelAllowed(notification.level())) {
        // Enqueued before this returns (the transport keeps the order); a failed send is dropped:
        // the notification is in the history all the same.
        session.sendNotification(McpSchema.METHOD_NOTIFICATION_MESSAGE, notification)
            .onErrorComplete()
            .subscribe();
      }
    }
  }

  /** Waits until no session is open. */
  synchronized void awaitAllClosed() throws InterruptedException {
    while (!open.isEmpty()) {
      wait();
    }
  }

  private synchronized List<McpServerSession> initialized() {
    List<McpServerSession> sessions = new ArrayList<>();
    open.forEach((session, transport) -> {
      if (transport.initialized) {
        sessions.add(session);
      }
    });
    return sessions;
  }

  private synchronized void closed(McpServerSession session) {
    open.remove(session);
    notifyAll();
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    return delegate.notifyClients(method, params);
  }

  @Override
  public Mono<Void> notifyClient(String sessionId, String method, Object params) {
    return delegate.notifyClient(sessionId, method, params);
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  /** A session's transport that sees the server answer {@code initialize}, and reports closing. */
  private final class Watched implements McpServerTransport {
    private final McpServerTransport transport;
    private volatile McpServerSession session;
    private volatile boolean initialized;

    Watched(McpServerTransport transport) {
      this.transport = transport;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
      Mono<Void> sent = transport.sendMessage(message);
      if (message instanceof McpSchema.JSONRPCResponse response
          && response.result() instanceof McpSchema.InitializeResult) {
        // Queued behind the answer: a notification never reaches a client before it.
        return sent.doOnSuccess(done -> initialized = true);
      }
      return sent;
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return transport.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
      return transport.protocolVersions();
    }

    @Override
    public Mono<Void> closeGracefully() {
      return transport.closeGracefully().doFinally(signal -> closed(session));
    }

    @Override
    public void close() {
      try {
        transport.close();
      } finally {
        closed(session);
      }
    }
  }
}
