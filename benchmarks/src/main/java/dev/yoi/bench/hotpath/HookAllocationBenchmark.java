package dev.yoi.bench.hotpath;

import dev.yoi.pod.Pod;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The allocation-per-hook figure, measured on exact batches: each operation is {@link #CALLS}
 * calls through {@link Pod#callTool} on a Pod started for that operation. Time-based iterations
 * end at different history sizes, so the amortised growth of the in-memory history (a few MB
 * copied at once) lands in them unevenly: tens of bytes per call of noise, more than four hooks
 * could add. Here both variants make the same calls into the same fresh history, so JMH's
 * {@code gc.alloc.rate.norm} per operation differs only by what the hooks allocate. Not a timing:
 * {@code HotPath} runs it unforked.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HookAllocationBenchmark {
  /** Calls per operation. */
  public static final int CALLS = 50_000;
  /** Interleaved rounds of {@link #CALLS} calls through each Pod before the first measured shot. */
  private static final int WARM_UP_ROUNDS = 4;

  private Pod withHooks;
  private Pod withoutHooks;

  /**
   * The JIT decides per JVM which short-lived objects of the call path it allocates at all, so
   * {@code HotPath} runs both benchmarks in one JVM (no fork), and each trial first runs the same
   * interleaved calls through both Pods: both variants are measured with code compiled from the
   * same profile, and only the hooks differ.
   */
  @Setup(Level.Trial)
  public void compileBothPaths(Blackhole results) {
    Pod hooks = ToolCallBenchmark.start(ToolCallBenchmark.TOOL_AND_HOOKS);
    Pod none = ToolCallBenchmark.start(ToolCallBenchmark.TOOL_FEATURE);
    try {
      for (int round = 0; round < WARM_UP_ROUNDS; round++) {
        calls(hooks, results);
        calls(none, results);
      }
    } finally {
      hooks.close();
      none.close();
    }
  }

  // Both Pods in both benchmarks: the same start-up allocation falls on each, so the difference is
  // the hooks' alone.
  @Setup(Level.Invocation)
  public void startPods() {
    withHooks = ToolCallBenchmark.start(ToolCallBenchmark.TOOL_AND_HOOKS);
    withoutHooks = ToolCallBenchmark.start(ToolCallBenchmark.TOOL_FEATURE);
  }

  @TearDown(Level.Invocation)
  public void closePods() {
    withHooks.close();
    withoutHooks.close();
  }

  @Benchmark
  public void podCall(Blackhole results) {
    calls(withHooks, results);
  }

  @Benchmark
  public void podCallNoHooks(Blackhole results) {
    calls(withoutHooks, results);
  }

  private static void calls(Pod pod, Blackhole results) {
    for (int i = 0; i < CALLS; i++) {
      results.consume(pod.callTool(EchoFeature.TOOL, ToolCallBenchmark.INPUT));
    }
  }
}
