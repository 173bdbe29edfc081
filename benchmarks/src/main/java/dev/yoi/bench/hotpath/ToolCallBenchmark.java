package dev.yoi.bench.hotpath;

import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.pod.Pod;
import dev.yoi.pod.PodManifest;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.tool.ToolContext;
import dev.yoi.pod.tool.ToolResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Figure 4: one tool call through {@link Pod#callTool} (call recorded, four pre-tool-call hooks,
 * JSON parsed and validated against the compiled schema, decoded into the input record, the tool,
 * the result recorded in the in-memory history) against the same tool called directly. The
 * no-hooks variant isolates what the hooks add, for the allocation-per-hook figure. A fresh Pod per
 * iteration keeps the in-memory history from growing across the whole run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ToolCallBenchmark {
  static final String INPUT = "{\"key\":\"order-1234\",\"limit\":5}";
  static final Set<String> TOOL_FEATURE = Set.of("builtin:hot-echo");
  static final Set<String> TOOL_AND_HOOKS = Set.of("builtin:hot-echo", "builtin:hot-guards");

  private Pod withHooks;
  private Pod withoutHooks;
  private final EchoFeature.Echo tool = new EchoFeature.Echo();
  private final EchoFeature.Echo.Input input = new EchoFeature.Echo.Input("order-1234", Optional.of(5));
  private final ToolContext context = new DirectContext();

  @Setup(Level.Iteration)
  public void startPods() {
    withHooks = start(TOOL_AND_HOOKS);
    withoutHooks = start(TOOL_FEATURE);
  }

  @TearDown(Level.Iteration)
  public void closePods() {
    withHooks.close();
    withoutHooks.close();
  }

  @Benchmark
  public ToolResult direct() throws Exception {
    return tool.call(input, context);
  }

  @Benchmark
  public ToolResult podCall() {
    return withHooks.callTool(EchoFeature.TOOL, INPUT);
  }

  @Benchmark
  public ToolResult podCallNoHooks() {
    return withoutHooks.callTool(EchoFeature.TOOL, INPUT);
  }

  /** A Pod with exactly {@code enabled} of the builtin features on the class path, history in memory. */
  static Pod start(Set<String> enabled) {
    ClassLoader loader = ToolCallBenchmark.class.getClassLoader();
    List<String> disabled = new ArrayList<>();
    for (CatalogEntry entry : FeatureCatalog.read(new FeatureLoader(loader, FeatureSource.BUILTIN)).entries()) {
      if (!enabled.contains(entry.id())) {
        disabled.add("\"" + entry.id() + "\"");
      }
    }
    PodManifest manifest = PodManifest.parse("{\"features\":{\"disable\":[" + String.join(",", disabled) + "]}}",
        "hot-path benchmark", Path.of("."));
    Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN).manifest(manifest).build();
    InstallReport report = pod.start();
    for (String id : enabled) {
      boolean installed = report.features().stream().anyMatch(f -> f.id().equals(id) && f.installed());
      if (!installed) {
        throw new IllegalStateException(id + " did not install: " + report.features());
      }
    }
    ToolResult check = pod.callTool(EchoFeature.TOOL, INPUT);
    if (check.isError() || !check.text().equals("order-1234")) {
      throw new IllegalStateException("the hot-path tool call failed: " + check.text());
    }
    return pod;
  }

  private static final class DirectContext implements ToolContext {
    @Override
    public String callId() {
      return "direct";
    }

    @Override
    public String toolName() {
      return EchoFeature.TOOL;
    }

    @Override
    public String featureId() {
      return "builtin:hot-echo";
    }

    @Override
    public Alerts alerts() {
      return (level, message) -> {};
    }
  }
}
