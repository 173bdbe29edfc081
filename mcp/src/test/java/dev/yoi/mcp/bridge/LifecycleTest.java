package dev.yoi.mcp.bridge;

import static dev.yoi.mcp.bridge.Fixtures.tool;
import static dev.yoi.mcp.bridge.Fixtures.toolFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.McpServer;
import dev.yoi.feature.Diagnostic;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.task.TaskContext;
import dev.yoi.pod.tool.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bridged server's process: stopped with its children, restarted after a crash, bounded calls. */
class LifecycleTest {
  @TempDir Path dir;
  final List<Diagnostic> published = new CopyOnWriteArrayList<>();

  McpBridge bridge(McpServer server, BridgeSettings settings) throws Exception {
    FeatureDescriptor pinned = McpPin.pin(new McpPin.Request("life", null, null, null, server, List.of()),
        Fixtures.noSecrets(), settings, line -> {}).descriptor();
    return new McpBridge(new PinnedFeature("project:life", pinned, Optional.empty()), Fixtures.granting(),
        Fixtures.noSecrets(), settings, published::add);
  }

  McpServer.Stdio server(List<String> flags) throws Exception {
    return Fixtures.driftServer(flags, toolFile(dir, "tools", tool("echo", "Echoes", "message"),
        tool("hang", "Never answers"), tool("fail", "Answers with a protocol error")));
  }

  @Test
  void stoppingTheBridgeLeavesNoProcessOfTheServersTree() throws Exception {
    McpBridge bridge = bridge(server(List.of("--child")), Fixtures.settings());
    bridge.connect();
    ProcessHandle server = bridge.process().orElseThrow();
    List<ProcessHandle> tree = new java.util.ArrayList<>(server.descendants().toList());
    tree.add(server);
    assertTrue(tree.size() >= 2, "the server started its child: " + tree);
    assertTrue(tree.stream().allMatch(ProcessHandle::isAlive));

    bridge.close();

    for (ProcessHandle process : tree) {
      assertFalse(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false),
          "process " + process.pid() + " " + process.info().commandLine().orElse("") + " outlived the bridge");
    }
    assertEquals(Optional.empty(), bridge.process());
  }

  @Test
  void aCrashedServerFailsItsTaskRunAndTheNextRunRestartsIt() throws Exception {
    McpBridge bridge = bridge(server(List.of()), Fixtures.settings());
    bridge.connect();
    ProcessHandle first = bridge.process().orElseThrow();
    Run watching = Run.start(bridge);
    assertTrue(watching.context.watching.await(60, TimeUnit.SECONDS));

    first.destroyForcibly();
    watching.thread.join(TimeUnit.SECONDS.toMillis(60));

    assertTrue(watching.failure instanceof McpBridgeException, String.valueOf(watching.failure));
    assertTrue(watching.failure.getMessage().startsWith("feature project:life: its MCP server ("),
        watching.failure.getMessage());
    assertTrue(watching.failure.getMessage().contains(") exited with code 137."), watching.failure.getMessage());
    ToolResult down = bridge.call("echo", CanonicalJson.parse("{\"message\":\"hi\"}"));
    assertTrue(down.isError() && down.text().contains("is not running (it stopped; the host restarts it)"), down.text());

    Run restarted = Run.start(bridge); // what the supervisor does after its backoff
    assertTrue(restarted.context.watching.await(60, TimeUnit.SECONDS), "the task did not restart the server");
    assertEquals(ToolResult.text("echo {\"message\":\"again\"}"),
        bridge.call("echo", CanonicalJson.parse("{\"message\":\"again\"}")));
    ProcessHandle second = bridge.process().orElseThrow();
    assertTrue(second.pid() != first.pid());

    restarted.context.cancel();
    restarted.thread.join(TimeUnit.SECONDS.toMillis(60));

    assertFalse(restarted.thread.isAlive());
    assertEquals(null, restarted.failure);
    assertFalse(second.isAlive(), "a cancelled task stops its server");
  }

  /** One run of the bridge's task on its own thread, as the host's supervisor runs it. */
  static final class Run {
    final Context context = new Context();
    final Thread thread;
    volatile Exception failure;

    private Run(McpBridge bridge) {
      thread = new Thread(() -> {
        try {
          bridge.supervisor().run(context);
        } catch (Exception e) {
          failure = e;
        }
      });
    }

    static Run start(McpBridge bridge) {
      Run run = new Run(bridge);
      run.thread.start();
      return run;
    }
  }

  @Test
  void aCallPastTheTimeoutIsAnErrorResultNamingTheLimit() throws Exception {
    try (McpBridge bridge = bridge(server(List.of()), Fixtures.settings().withCallTimeout(Duration.ofMillis(700)))) {
      bridge.connect();

      ToolResult result = bridge.call("hang", CanonicalJson.parse("{}"));

      assertTrue(result.isError());
      assertEquals("The tool \"hang\" of project:life did not answer within 700 ms (the bridge's call timeout),"
          + " so the call was abandoned.", result.text());
      assertFalse(bridge.call("echo", CanonicalJson.parse("{\"message\":\"still here\"}")).isError());
    }
  }

  @Test
  void aProtocolErrorIsAnErrorResult() throws Exception {
    try (McpBridge bridge = bridge(server(List.of()), Fixtures.settings())) {
      bridge.connect();

      ToolResult result = bridge.call("fail", CanonicalJson.parse("{}"));

      assertTrue(result.isError());
      assertTrue(result.text().startsWith("The MCP server of project:life refused the call of \"fail\": "), result.text());
      assertTrue(result.text().contains("the drift server refuses"), result.text());
    }
  }

  @Test
  void aServerThatCannotStartIsOneMessageNamingTheCommandAndHowItExited() throws Exception {
    McpServer.Stdio broken = new McpServer.Stdio("sh", List.of("-c", "echo 'cannot open the database' >&2; exit 3"),
        "", List.of());
    FeatureDescriptor pinned = DriftTest.withServer(McpPin.pin(new McpPin.Request("life", null, null, null,
        server(List.of()), List.of()), Fixtures.noSecrets(), Fixtures.settings(), line -> {}).descriptor(), broken);
    BridgeSettings quick = new BridgeSettings(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(2), 50,
        System.getenv());
    try (McpBridge bridge = new McpBridge(new PinnedFeature("project:life", pinned, Optional.empty()),
        Fixtures.granting(), Fixtures.noSecrets(), quick, published::add)) {
      McpBridgeException failed = assertThrows(McpBridgeException.class, bridge::connect);

      assertTrue(failed.getMessage().startsWith("feature project:life: its MCP server (sh -c 'echo '\\''cannot open"
          + " the database'\\'' >&2; exit 3') could not be started and initialized: the server exited with code 3."),
          failed.getMessage());
      // Its stderr line is shown when the SDK's reader got it before stdout closed (see StderrLog.drain).
      assertTrue(failed.getMessage().endsWith("or pin the feature again: yoi mcp pin --out life.features.jsonl"
          + " --update."), failed.getMessage());
      assertFalse(bridge.running());
    }
  }

  /** A task context whose cancellation the test controls; it signals when the run watches the server. */
  static final class Context implements TaskContext {
    final CountDownLatch watching = new CountDownLatch(1);
    final CountDownLatch cancelled = new CountDownLatch(1);

    void cancel() {
      cancelled.countDown();
    }

    @Override
    public String taskName() {
      return "mcp-server";
    }

    @Override
    public String featureId() {
      return "project:life";
    }

    @Override
    public boolean isCancelled() {
      return cancelled.getCount() == 0;
    }

    @Override
    public boolean awaitCancellation(Duration timeout) throws InterruptedException {
      watching.countDown();
      return cancelled.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public ModelNotifier notifier() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Alerts alerts() {
      throw new UnsupportedOperationException();
    }
  }
}
