package dev.yoi.mcp.server;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The client end of stdio without a child process: the SDK's {@code StdioClientTransport} only
 * launches a server process, so an in-process test needs this mirror of it. Messages are the
 * SDK's own, (de)serialized by its mapper, one per line, exactly as on a real stdio connection.
 */
final class PipedClientTransport implements McpClientTransport {
  private final McpJsonMapper mapper;
  private final InputStream fromServer;
  private final OutputStream toServer;
  /** Every notification the server sent, in arrival order, recorded before the client handles it. */
  private final List<McpSchema.JSONRPCNotification> notifications = new CopyOnWriteArrayList<>();

  PipedClientTransport(McpJsonMapper mapper, InputStream fromServer, OutputStream toServer) {
    this.mapper = mapper;
    this.fromServer = fromServer;
    this.toServer = toServer;
  }

  @Override
  public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(mapper, line);
          if (message instanceof McpSchema.JSONRPCNotification notification) {
            notifications.add(notification);
          }
          handler.apply(Mono.just(message)).subscribe();
        }
      } catch (IOException e) {
        // The server end closed: nothing more will arrive.
      }
    }, "piped-client-reader");
    reader.setDaemon(true);
    reader.start();
    return Mono.empty();
  }

  /**
   * The notifications received so far. Once a request's response arrived, every notification the
   * server sent before it is here (one stream, read in order).
   */
  List<McpSchema.JSONRPCNotification> notifications() {
    return List.copyOf(notifications);
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.fromRunnable(() -> {
      try {
        byte[] line = (mapper.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (toServer) {
          toServer.write(line);
          toServer.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return mapper.convertValue(data, typeRef);
  }

  /** Closes the server's input: on stdio, how a client disconnects. */
  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(() -> {
      try {
        toServer.close();
      } catch (IOException e) {
        // already closed
      }
    });
  }
}
