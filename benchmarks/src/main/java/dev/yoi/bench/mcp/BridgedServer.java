package dev.yoi.bench.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.bench.measure.Stats;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.McpServer;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.mcp.bridge.BridgeSettings;
import dev.yoi.mcp.bridge.McpBridgeException;
import dev.yoi.mcp.bridge.McpBridgeInstaller;
import dev.yoi.mcp.bridge.McpPin;
import dev.yoi.pod.Pod;
import dev.yoi.pod.PodManifest;
import dev.yoi.pod.tool.ToolResult;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A real MCP server bridged into a Pod (issue 13's figures): {@code server-everything}, as the cli
 * build installs it beside {@code yoi.jar} ({@code mcp-servers}, the pinned npm lock), pinned with
 * {@link McpPin} into a feature file and installed by {@link McpBridgeInstaller} into a Pod that
 * holds only it. Two figures, from the same runs:
 *
 * <ul>
 *   <li>from {@code Pod.start()} to the first successful bridged call ({@code echo}), beside a direct
 *       MCP Java SDK client's start to its first successful call on its own process of the same
 *       server (spawn, {@code initialize}, {@code tools/call});
 *   <li>per call: {@code pod.callTool("echo", ..)} (the Pod's tool path, the bridge, then
 *       {@code tools/call} over stdio) against {@link McpSyncClient#callTool} on the direct client,
 *       timed one by one and alternated, so load falls on both.
 * </ul>
 *
 * Each run starts a fresh Pod (and server) and a fresh direct client (and server).
 */
public final class BridgedServer {
  public static final String TOOL = "echo";
  static final String MESSAGE = "hello from the benchmark";
  static final String SLUG = "everything";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Path SCRIPT = Path.of("node_modules", "@modelcontextprotocol", "server-everything", "dist",
      "index.js");

  /**
   * How much to measure.
   *
   * @param runs fresh Pods (and direct clients) measured
   * @param warmupCalls unmeasured calls on each before the measured ones
   * @param measuredCalls calls on each, timed one by one, alternating; a run's figure is their median
   */
  public record Settings(int runs, int warmupCalls, int measuredCalls) {
    public String describe() {
      return runs + " runs, each a fresh Pod with its bridged server and a fresh direct client with its own server;"
          + " " + warmupCalls + " warm-up calls on each, then " + measuredCalls + " calls on each timed one by one,"
          + " alternating (a run's figure is their median)";
    }
  }

  /**
   * Per run: milliseconds of {@code Pod.start()}, of start to the first successful bridged call,
   * and of the direct client's start to its first successful call; microseconds per call, bridged
   * and direct.
   */
  public record Results(List<Double> startMillis, List<Double> firstCallMillis, List<Double> directFirstCallMillis,
      List<Double> bridgedMicros, List<Double> directMicros, int tools) {}

  private final Path script;
  private final Path work;
  private final PrintStream log;

  private BridgedServer(Path script, Path work, PrintStream log) {
    this.script = script;
    this.work = work;
    this.log = log;
  }

  /**
   * The benchmark over the servers installed beside {@code yoiJar}; empty, after a line on
   * {@code log} saying why, without node or the installed server.
   */
  public static Optional<BridgedServer> beside(Path yoiJar, Path work, PrintStream log) {
    if (onPath("node").isEmpty()) {
      log.println("bridge: skipped, node is not on the PATH");
      return Optional.empty();
    }
    Path script = yoiJar == null ? null : yoiJar.getParent().resolve("mcp-servers").resolve(SCRIPT);
    if (script == null || !Files.isRegularFile(script)) {
      log.println("bridge: skipped, server-everything is not installed beside yoi.jar (the cli build installs it"
          + " into cli/target/mcp-servers when node and npm are on the PATH)");
      return Optional.empty();
    }
    return Optional.of(new BridgedServer(script, work.resolve("bridge"), log));
  }

  /** The server's command line, as both sides start it. */
  public List<String> serverCommand() {
    return List.of("node", script.toString(), "stdio");
  }

  public Results measure(Settings settings, boolean warmUp) throws IOException, McpBridgeException {
    Files.createDirectories(work);
    McpServer.Stdio server = new McpServer.Stdio("node", List.of(script.toString(), "stdio"), "", List.of());
    McpPin.Result pinned = McpPin.pin(new McpPin.Request(SLUG, null, null, null, server, List.of()),
        id -> Optional.empty(), BridgeSettings.defaults(), line -> {});
    Path file = work.resolve(SLUG + IndexLine.FEATURE_FILE_SUFFIX);
    Files.writeString(file, IndexFile.write(List.of(pinned.line())));
    if (warmUp) {
      run(file, new Settings(1, settings.warmupCalls(), 1)); // unmeasured: JIT, file cache
    }
    List<Double> start = new ArrayList<>();
    List<Double> first = new ArrayList<>();
    List<Double> directFirst = new ArrayList<>();
    List<Double> bridged = new ArrayList<>();
    List<Double> direct = new ArrayList<>();
    for (int i = 1; i <= settings.runs(); i++) {
      double[] run = run(file, settings);
      start.add(run[0]);
      first.add(run[1]);
      directFirst.add(run[2]);
      bridged.add(run[3]);
      direct.add(run[4]);
      log.printf(Locale.ROOT, "bridge run %d: Pod.start() %.0f ms, to the first %s %.0f ms (direct client %.0f ms);"
          + " per call bridged %.1f µs, direct %.1f µs%n", i, run[0], TOOL, run[1], run[2], run[3], run[4]);
    }
    return new Results(start, first, directFirst, bridged, direct, pinned.descriptor().tools().size());
  }

  /** One run: {start ms, start to first bridged call ms, direct start to first call ms, bridged µs, direct µs}. */
  private double[] run(Path file, Settings settings) {
    String input = "{\"message\":\"" + MESSAGE + "\"}";
    CallToolRequest request = CallToolRequest.builder(TOOL).arguments(Map.of("message", MESSAGE)).build();
    try (Pod pod = Pod.builder().featureFile(file, FeatureSource.PROJECT)
        .manifest(PodManifest.parse("{\"features\":{\"enable\":[\"project:" + SLUG + "\"]}}", "bridge benchmark",
            work))
        .authorityPolicy(AuthorityPolicy.grantRequested())
        .runtime(new McpBridgeInstaller())
        .build()) {
      long t0 = System.nanoTime();
      InstallReport report = pod.start();
      long started = System.nanoTime();
      check(pod.callTool(TOOL, input));
      long firstCall = System.nanoTime();
      if (report.feature("project:" + SLUG).filter(FeatureReport::installed).isEmpty() || report.hasErrors()) {
        throw new IllegalStateException("project:" + SLUG + " did not install cleanly: " + report);
      }

      long d0 = System.nanoTime();
      try (McpSyncClient client = directClient()) {
        client.initialize();
        check(client.callTool(request));
        long directFirst = System.nanoTime();

        for (int i = 0; i < settings.warmupCalls(); i++) {
          check(pod.callTool(TOOL, input));
          check(client.callTool(request));
        }
        long[] viaPod = new long[settings.measuredCalls()];
        long[] viaClient = new long[settings.measuredCalls()];
        for (int i = 0; i < settings.measuredCalls(); i++) {
          long t = System.nanoTime();
          ToolResult bridged = pod.callTool(TOOL, input);
          viaPod[i] = System.nanoTime() - t;
          t = System.nanoTime();
          CallToolResult direct = client.callTool(request);
          viaClient[i] = System.nanoTime() - t;
          check(bridged);
          check(direct);
        }
        client.closeGracefully();
        return new double[] {millis(started - t0), millis(firstCall - t0), millis(directFirst - d0),
            medianMicros(viaPod), medianMicros(viaClient)};
      }
    }
  }

  /** The MCP Java SDK's own client on its own process of the same server, started the same way. */
  private McpSyncClient directClient() {
    List<String> command = serverCommand();
    StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(command.get(0))
        .args(command.subList(1, command.size())).build(), new JacksonMcpJsonMapper(new ObjectMapper()));
    transport.setStdErrorHandler(line -> {}); // the server's line about its transport
    return McpClient.sync(transport).requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT).build();
  }

  /** The report's section. */
  public static String render(Results results, Settings settings) {
    Stats start = Stats.of(results.startMillis());
    Stats first = Stats.of(results.firstCallMillis());
    Stats directFirst = Stats.of(results.directFirstCallMillis());
    Stats bridged = Stats.of(results.bridgedMicros());
    Stats direct = Stats.of(results.directMicros());
    StringBuilder out = new StringBuilder();
    out.append("\n## A bridged MCP server: start to the first call, and the bridge's cost per call\n\n")
        .append("`@modelcontextprotocol/server-everything` (the version the npm lock pins, installed beside")
        .append(" `yoi.jar`), pinned with `McpPin` and installed by `McpBridgeInstaller` into a Pod that holds only")
        .append(" it (").append(results.tools()).append(" tools); the call is `").append(TOOL).append("` with")
        .append(" `{\"message\": \"").append(MESSAGE).append("\"}`. The direct side is the MCP Java SDK's")
        .append(" `McpSyncClient` on its own process of the same server, started with the same command. ")
        .append(settings.describe()).append(".\n\n")
        .append("| figure | median | min | max | ratio |\n|---|---:|---:|---:|---:|\n");
    row(out, "`Pod.start()` (the server started, `initialize`, `tools/list`, checked against the pin), ms",
        ms(start.median()), ms(start.min()), ms(start.max()), "");
    row(out, "`Pod.start()` to the first successful `" + TOOL + "`, ms", ms(first.median()), ms(first.min()),
        ms(first.max()), ratio(first.median() / directFirst.median()) + " of direct");
    row(out, "direct client: start to its first successful `" + TOOL + "` (spawn, `initialize`, `tools/call`), ms",
        ms(directFirst.median()), ms(directFirst.min()), ms(directFirst.max()), "1.00x");
    row(out, "`pod.callTool(\"" + TOOL + "\", ..)` through the bridge, µs per call", us(bridged.median()),
        us(bridged.min()), us(bridged.max()), ratio(bridged.median() / direct.median()) + " of direct");
    row(out, "`McpSyncClient.callTool` direct, µs per call", us(direct.median()), us(direct.min()),
        us(direct.max()), "1.00x");
    out.append(String.format(Locale.ROOT, "%nThe bridge adds %s µs per call (median bridged minus median direct):"
        + " the Pod's tool path (the call and its result recorded in the in-memory history, the input checked"
        + " against the pinned schema) and the bridge's own step (the pin's verdict on the tool, the"
        + " arguments converted, the exit watch on the request).%n", us(bridged.median() - direct.median())));
    return out.toString();
  }

  private static void row(StringBuilder out, String figure, String median, String min, String max, String ratio) {
    out.append("| ").append(figure).append(" | ").append(median).append(" | ").append(min).append(" | ")
        .append(max).append(" | ").append(ratio).append(" |\n");
  }

  private static void check(ToolResult result) {
    if (result.isError() || !result.text().equals("Echo: " + MESSAGE)) {
      throw new IllegalStateException(TOOL + " through the bridge failed: " + result.text());
    }
  }

  private static void check(CallToolResult result) {
    if (Boolean.TRUE.equals(result.isError()) || !result.content().equals(
        List.of(McpSchema.TextContent.builder("Echo: " + MESSAGE).build()))) {
      throw new IllegalStateException(TOOL + " through the direct client failed: " + result.content());
    }
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static double medianMicros(long[] nanos) {
    List<Double> values = new ArrayList<>();
    for (long n : nanos) {
      values.add(n / 1e3);
    }
    return Stats.of(values).median();
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.1f", v);
  }

  private static String us(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.1f", v);
  }

  private static String ratio(double v) {
    return String.format(Locale.ROOT, "%.2fx", v);
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = dir.isEmpty() ? null : Path.of(dir, program);
      if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
