package dev.yoi.bench.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.bench.measure.ChildProcess;
import dev.yoi.bench.measure.Measurement;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureLoader;
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
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code yoi mcp serve} against the same Pod in-process: per-call latency of one tool through the
 * server (the MCP Java SDK's client over stdio to a {@code java -jar yoi.jar mcp serve} process,
 * the builtins only) and through {@link Pod#callTool} in this JVM, and the server's start-up to its
 * first {@code tools/list} answer beside the floor of any {@code yoi} command (the JVM and the
 * command line: {@code yoi --version}). Runs are interleaved: each run starts a fresh server, a
 * fresh in-process Pod and a fresh floor process.
 */
public final class McpServe {
  /** The tool both sides call: answers from memory, so the figure is the path, not the tool. */
  public static final String TOOL = "TaskList";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /**
   * How much to measure.
   *
   * @param runs fresh servers (and Pods) measured
   * @param warmupCalls unmeasured calls on each before the measured ones
   * @param measuredCalls calls timed one by one; a run's figure is their median
   */
  public record Settings(int runs, int warmupCalls, int measuredCalls) {
    public String describe() {
      return runs + " runs, each a fresh server and a fresh in-process Pod; " + warmupCalls
          + " warm-up calls, then " + measuredCalls + " calls timed one by one (a run's figure is their median)";
    }
  }

  /**
   * Per run: milliseconds from starting the server process to its first {@code tools/list}
   * answer, microseconds per call served and in-process, and the floor process in milliseconds.
   */
  public record Results(List<Double> startupMillis, List<Double> servedMicros, List<Double> inProcessMicros,
      List<Double> floorMillis, int tools) {}

  private final Path yoiJar;
  private final ChildProcess child;
  private final PrintStream log;

  public McpServe(Path yoiJar, ChildProcess child, PrintStream log) {
    this.yoiJar = yoiJar;
    this.child = child;
    this.log = log;
  }

  /** The server command, as the report prints it. */
  public List<String> serverCommand() {
    return List.of(java(), "-jar", yoiJar.toString(), "mcp", "serve");
  }

  /** The floor command. */
  public List<String> floorCommand() {
    return List.of(java(), "-jar", yoiJar.toString(), "--version");
  }

  public Results measure(Settings settings, boolean warmUp) throws IOException, InterruptedException {
    if (warmUp) {
      // Unmeasured: brings the jar into the file cache and loads this JVM's client classes.
      served(new Settings(1, settings.warmupCalls(), 1), new ArrayList<>());
      inProcess(settings, null);
    }
    List<Double> startup = new ArrayList<>();
    List<Double> served = new ArrayList<>();
    List<Double> inProcess = new ArrayList<>();
    List<Double> floor = new ArrayList<>();
    int tools = 0;
    for (int run = 1; run <= settings.runs(); run++) {
      Measurement bare = child.run(floorCommand(), Path.of("."));
      floor.add(bare.wallMillis());
      List<String> servedTools = new ArrayList<>();
      double[] servedRun = served(settings, servedTools);
      startup.add(servedRun[0]);
      served.add(servedRun[1]);
      double inProcessRun = inProcess(settings, servedTools);
      inProcess.add(inProcessRun);
      tools = servedTools.size();
      log.printf("mcp run %d: start-up to tools/list %.0f ms (floor %.0f ms); %s served %.1f µs, in-process %.1f µs%n",
          run, servedRun[0], bare.wallMillis(), TOOL, servedRun[1], inProcessRun);
    }
    return new Results(startup, served, inProcess, floor, tools);
  }

  /** One server: {start-up to first tools/list answer in ms, median µs per call}; fills {@code tools}. */
  private double[] served(Settings settings, List<String> tools) {
    List<String> command = serverCommand();
    StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(command.get(0))
        .args(command.subList(1, command.size())).build(), new JacksonMcpJsonMapper(new ObjectMapper()));
    transport.setStdErrorHandler(line -> {}); // the server's one line about what it serves
    long start = System.nanoTime();
    try (McpSyncClient client = McpClient.sync(transport).requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT).build()) {
      client.initialize();
      List<McpSchema.Tool> listed = client.listTools().tools();
      double startupMillis = (System.nanoTime() - start) / 1e6;
      listed.forEach(tool -> tools.add(tool.name()));
      CallToolRequest request = CallToolRequest.builder(TOOL).arguments(Map.of()).build();
      for (int i = 0; i < settings.warmupCalls(); i++) {
        check(client.callTool(request));
      }
      long[] nanos = new long[settings.measuredCalls()];
      for (int i = 0; i < nanos.length; i++) {
        long t = System.nanoTime();
        CallToolResult result = client.callTool(request);
        nanos[i] = System.nanoTime() - t;
        check(result);
      }
      client.closeGracefully();
      return new double[] {startupMillis, medianMicros(nanos)};
    }
  }

  /**
   * The builtins in this JVM (the benchmark's own hot-path features disabled), median µs per call;
   * with {@code servedTools}, first checks that the Pod offers exactly the tools the server listed.
   */
  private double inProcess(Settings settings, List<String> servedTools) {
    ClassLoader loader = McpServe.class.getClassLoader();
    List<String> disabled = new ArrayList<>();
    for (CatalogEntry entry : FeatureCatalog.read(new FeatureLoader(loader, FeatureSource.BUILTIN)).entries()) {
      if (!entry.id().startsWith("builtin:") || entry.id().startsWith("builtin:hot-")) {
        disabled.add("\"" + entry.id() + "\"");
      }
    }
    PodManifest manifest = PodManifest.parse("{\"features\":{\"disable\":[" + String.join(",", disabled) + "]}}",
        "mcp benchmark", Path.of("."));
    try (Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN).manifest(manifest).build()) {
      pod.start();
      List<String> offered = pod.offeredTools().stream().map(Pod.OfferedTool::name).toList();
      if (servedTools != null && !offered.equals(servedTools)) {
        throw new IllegalStateException("the in-process Pod offers " + offered + " but the server listed "
            + servedTools + ": the two would not call the same thing");
      }
      for (int i = 0; i < settings.warmupCalls(); i++) {
        check(pod.callTool(TOOL, "{}"));
      }
      long[] nanos = new long[settings.measuredCalls()];
      for (int i = 0; i < nanos.length; i++) {
        long t = System.nanoTime();
        ToolResult result = pod.callTool(TOOL, "{}");
        nanos[i] = System.nanoTime() - t;
        check(result);
      }
      return medianMicros(nanos);
    }
  }

  private static void check(CallToolResult result) {
    if (Boolean.TRUE.equals(result.isError())) {
      throw new IllegalStateException(TOOL + " through yoi mcp serve failed: " + result.content());
    }
  }

  private static void check(ToolResult result) {
    if (result.isError()) {
      throw new IllegalStateException(TOOL + " in-process failed: " + result.text());
    }
  }

  private static double medianMicros(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    return median / 1e3;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
