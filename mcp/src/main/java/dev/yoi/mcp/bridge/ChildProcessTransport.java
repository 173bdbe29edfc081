package dev.yoi.mcp.bridge;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The SDK's stdio transport, with the process started the way the bridge needs it: in the
 * descriptor's working directory and with exactly the built environment. The SDK starts the
 * process from {@link #getProcessBuilder()} (its extension point), whose environment it then
 * fills from {@link ServerParameters#getEnv()}; that map also holds a few of the host's own
 * variables (USER, SHELL, TERM, ...), so they are taken out of it first, and the start is refused
 * if the SDK would pass anything but the built environment.
 */
final class ChildProcessTransport extends StdioClientTransport {
  private final ServerParameters parameters;
  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final CompletableFuture<Process> started = new CompletableFuture<>();

  private ChildProcessTransport(
      ServerParameters parameters, McpJsonMapper mapper, Map<String, String> environment, Path workingDirectory) {
    super(parameters, mapper);
    this.parameters = parameters;
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory;
  }

  static ChildProcessTransport of(String command, java.util.List<String> args, Map<String, String> environment,
      Path workingDirectory, McpJsonMapper mapper) {
    ServerParameters parameters = ServerParameters.builder(command).args(args).env(environment).build();
    parameters.getEnv().keySet().retainAll(environment.keySet());
    parameters.getEnv().putAll(environment);
    return new ChildProcessTransport(parameters, mapper, environment, workingDirectory);
  }

  @Override
  protected ProcessBuilder getProcessBuilder() {
    if (!parameters.getEnv().equals(environment)) {
      throw new IllegalStateException("the MCP SDK would give the server other environment variables than"
          + " the built ones (" + new java.util.TreeSet<>(parameters.getEnv().keySet()) + " instead of "
          + new java.util.TreeSet<>(environment.keySet()) + "); the server is not started");
    }
    ProcessBuilder builder = new ProcessBuilder();
    builder.environment().clear();
    if (workingDirectory != null) {
      builder.directory(workingDirectory.toFile());
    }
    return builder;
  }

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    return super.connect(handler)
        .doOnSuccess(done -> {
          try {
            started.complete(process());
          } catch (RuntimeException e) {
            started.completeExceptionally(e);
          }
        })
        .doOnError(started::completeExceptionally);
  }

  /** The process once the SDK has started it; failed if it could not be started. */
  CompletableFuture<Process> started() {
    return started;
  }

  /**
   * The started process, to stop it and its children and to know when it exits. The SDK keeps it
   * in a private field and offers no accessor; without it the bridge could not promise that no
   * process outlives the Pod, so a missing field fails the start instead of leaking processes.
   */
  private Process process() {
    try {
      Field field = StdioClientTransport.class.getDeclaredField("process");
      field.setAccessible(true);
      Process process = (Process) field.get(this);
      if (process == null) {
        throw new IllegalStateException("the MCP SDK reported the server started but holds no process");
      }
      return process;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("this MCP SDK version does not expose the server process ("
          + e + "); the bridge cannot stop it reliably, so it does not run it", e);
    }
  }
}
