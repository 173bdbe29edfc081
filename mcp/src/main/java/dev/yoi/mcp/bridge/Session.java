package dev.yoi.mcp.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.descriptor.McpServer;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * One run of a server: its process (for stdio) and the SDK client that has initialized it.
 * Every request is bounded (the start timeout for {@code initialize} and {@code tools/list}, the
 * call timeout for {@code tools/call}) and ends early, with {@link Exited}, when the process
 * exits. Closing it stops the process and every process it started.
 */
final class Session implements AutoCloseable {
  private static final McpSchema.Implementation CLIENT = new McpSchema.Implementation("yoi-mcp-bridge", "1.0.0");

  private final McpAsyncClient client;
  private final Optional<Process> process;
  private final McpSchema.InitializeResult initialized;
  private final BridgeSettings settings;

  /** The server process exited while a request was open. */
  static final class Exited extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    Exited(int code) {
      super("the server exited with code " + code);
      this.code = code;
    }

    /** The exit among {@code e} and its causes (Reactor wraps what it rethrows). */
    static Optional<Exited> in(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof Exited exited) {
          return Optional.of(exited);
        }
      }
      return Optional.empty();
    }

    int code() {
      return code;
    }
  }

  private Session(McpAsyncClient client, Optional<Process> process, McpSchema.InitializeResult initialized,
      BridgeSettings settings) {
    this.client = client;
    this.process = process;
    this.initialized = initialized;
    this.settings = settings;
  }

  /**
   * Starts (or reaches) {@code server} and runs {@code initialize}.
   *
   * @param stderr receives each stderr line of a stdio server
   * @param toolsChanged receives the server's new tool list after {@code notifications/tools/list_changed}
   * @throws RuntimeException as the SDK throws it (or {@link Exited}), after stopping whatever was started
   */
  static Session open(McpServer server, ServerGrants grants, BridgeSettings settings, StderrLog stderr,
      Consumer<List<McpSchema.Tool>> toolsChanged) {
    McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
    McpClientTransport transport;
    ChildProcessTransport child = null;
    if (server instanceof McpServer.Stdio stdio) {
      child = ChildProcessTransport.of(stdio.command(), stdio.args(), grants.environment(),
          stdio.workingDirectory().isEmpty() ? null : Path.of(stdio.workingDirectory()), mapper);
      child.setStdErrorHandler(stderr::line);
      transport = child;
    } else {
      URI url = URI.create(((McpServer.StreamableHttp) server).url());
      String base = url.getScheme() + "://" + url.getRawAuthority();
      String endpoint = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
          + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
      transport = HttpClientStreamableHttpTransport.builder(base).endpoint(endpoint).jsonMapper(mapper)
          .connectTimeout(settings.startTimeout()).build();
    }
    // Each request is bounded where it is made; the client's own bound only backs them up.
    Duration longest = settings.startTimeout().compareTo(settings.callTimeout()) > 0
        ? settings.startTimeout() : settings.callTimeout();
    McpAsyncClient client = McpClient.async(transport)
        .clientInfo(CLIENT)
        .requestTimeout(longest.plusSeconds(1))
        .initializationTimeout(settings.startTimeout().plusSeconds(1))
        .roots(grants.roots().stream().map(uri -> new McpSchema.Root(uri, uri)).toList())
        .toolsChangeConsumer(tools -> Mono.fromRunnable(() -> toolsChanged.accept(tools)))
        .build();
    CompletableFuture<Process> started = child == null ? null : child.started();
    try {
      McpSchema.InitializeResult initialized =
          whileRunning(client.initialize(), started).block(settings.startTimeout());
      return new Session(client, Optional.ofNullable(started).map(f -> f.getNow(null)), initialized, settings);
    } catch (RuntimeException e) {
      if (Exited.in(e).isPresent()) {
        stderr.drain(); // its last words explain the exit; stopping the client stops their reader
      }
      Optional<Process> process = Optional.ofNullable(started)
          .filter(f -> f.isDone() && !f.isCompletedExceptionally()).map(f -> f.getNow(null));
      stop(client, process, settings);
      throw e;
    }
  }

  /**
   * {@code request}, or {@link Exited} as soon as the process exits; a remote server's
   * ({@code started} null) never does. The futures are only watched: the request winning must not
   * cancel them.
   */
  private static <T> Mono<T> whileRunning(Mono<T> request, CompletableFuture<Process> started) {
    if (started == null) {
      return request;
    }
    Mono<T> exit = Mono.fromFuture(started, true)
        .flatMap(p -> Mono.fromFuture(p.onExit(), true))
        .flatMap(p -> Mono.error(new Exited(p.exitValue())));
    return Mono.firstWithSignal(request, exit);
  }

  private <T> T bounded(Mono<T> request, Duration timeout) {
    return whileRunning(request, process.map(CompletableFuture::completedFuture).orElse(null)).block(timeout);
  }

  McpSchema.InitializeResult initialized() {
    return initialized;
  }

  /** The server process, for a stdio server. */
  Optional<Process> process() {
    return process;
  }

  /** Every tool the server lists, across pages. */
  List<McpSchema.Tool> listTools() {
    List<McpSchema.Tool> tools = new ArrayList<>();
    String cursor = null;
    do {
      McpSchema.ListToolsResult page = bounded(cursor == null ? client.listTools() : client.listTools(cursor),
          settings.startTimeout());
      tools.addAll(page.tools());
      cursor = page.nextCursor();
    } while (cursor != null && !cursor.isEmpty());
    return tools;
  }

  McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
    return bounded(client.callTool(McpSchema.CallToolRequest.builder().name(tool).arguments(arguments).build()),
        settings.callTimeout());
  }

  /** Whether the server can still answer: its process runs (a remote server: until closed). */
  boolean alive() {
    return process.map(Process::isAlive).orElse(true);
  }

  @Override
  public void close() {
    stop(client, process, settings);
  }

  /**
   * Stops the process and its descendants: SIGTERM to all, then, after the grace period, SIGKILL
   * to any still running. The descendants are listed before anything is stopped, since a child
   * whose parent died is re-parented and no longer listed.
   */
  private static void stop(McpAsyncClient client, Optional<Process> process, BridgeSettings settings) {
    List<ProcessHandle> tree = new ArrayList<>();
    process.ifPresent(p -> {
      p.descendants().forEach(tree::add);
      tree.add(p.toHandle());
    });
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + settings.stopGrace().toNanos();
    for (ProcessHandle handle : tree) {
      awaitExit(handle, deadline - System.nanoTime());
    }
    for (ProcessHandle handle : tree) {
      if (handle.isAlive()) {
        handle.destroyForcibly();
        awaitExit(handle, settings.stopGrace().toNanos());
      }
    }
    try {
      client.close();
    } catch (RuntimeException e) {
      // The transport is gone with the process; nothing is left to release.
    }
  }

  private static void awaitExit(ProcessHandle handle, long nanos) {
    try {
      handle.onExit().get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Still running: the caller decides.
    }
  }
}
