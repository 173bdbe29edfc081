package dev.yoi.bench.hotpath;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ToolCallBenchmark} (time and allocation per call) and {@link HookAllocationBenchmark}
 * (allocation per hook, on exact batches) with JMH's GC profiler and collects per-iteration scores.
 */
public final class HotPath {
  /**
   * One benchmark method's result.
   *
   * @param nanosPerCall every measured iteration's average, across forks
   * @param bytesPerCall bytes allocated per call (JMH's {@code gc.alloc.rate.norm})
   */
  public record Measured(List<Double> nanosPerCall, double bytesPerCall) {}

  /** JMH's settings for a run. */
  public record Settings(int forks, int warmupIterations, int measurementIterations, int seconds) {
    public String describe() {
      return forks + " fork(s), " + warmupIterations + " warm-up and " + measurementIterations
          + " measured iterations of " + seconds + " s each, -prof gc";
    }
  }

  private HotPath() {}

  /** The methods of {@link ToolCallBenchmark}, in report order. */
  public static List<String> methods() {
    return List.of("direct", "podCallNoHooks", "podCall");
  }

  /**
   * What the hooks allocate, from {@link HookAllocationBenchmark}: bytes per call with and without
   * the four hooks, over the same {@link HookAllocationBenchmark#CALLS} calls into a fresh Pod.
   */
  public record HookAllocation(double withHooks, double withoutHooks) {
    public double perHook() {
      return (withHooks - withoutHooks) / GuardFeature.HOOKS;
    }
  }

  /** Both figures of a run. */
  public record Results(Map<String, Measured> calls, HookAllocation hooks) {}

  public static Results run(Settings settings) throws RunnerException {
    Map<String, Measured> calls = measure(new OptionsBuilder()
        .include(ToolCallBenchmark.class.getName() + "\\.")
        .forks(settings.forks())
        .warmupIterations(settings.warmupIterations())
        .warmupTime(TimeValue.seconds(settings.seconds()))
        .measurementIterations(settings.measurementIterations())
        .measurementTime(TimeValue.seconds(settings.seconds())), settings);
    // Single shots of exactly CALLS calls each, both variants in one JVM (no fork): the JIT decides
    // per JVM which short-lived objects of the call path it allocates at all, so variants measured
    // in separate forks differ by tens of bytes per call either way, hooks or not.
    Map<String, Measured> batches = measure(new OptionsBuilder()
        .include(HookAllocationBenchmark.class.getName() + "\\.")
        .warmupIterations(5)
        .measurementIterations(settings.measurementIterations())
        .forks(0), settings);
    return new Results(calls, new HookAllocation(
        batches.get("podCall").bytesPerCall() / HookAllocationBenchmark.CALLS,
        batches.get("podCallNoHooks").bytesPerCall() / HookAllocationBenchmark.CALLS));
  }

  @SuppressWarnings("rawtypes") // JMH declares its secondary results as raw Result
  private static Map<String, Measured> measure(ChainedOptionsBuilder builder, Settings settings)
      throws RunnerException {
    Options options = builder
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Measured> byMethod = new LinkedHashMap<>();
    for (RunResult run : results) {
      BenchmarkParams params = run.getParams();
      String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
      List<Double> scores = new ArrayList<>();
      for (BenchmarkResult fork : run.getBenchmarkResults()) {
        for (IterationResult iteration : fork.getIterationResults()) {
          scores.add(iteration.getPrimaryResult().getScore());
        }
      }
      // The key is "gc.alloc.rate.norm", with a "·" prefix before JMH 1.37.
      double bytes = run.getAggregatedResult().getSecondaryResults().entrySet().stream()
          .filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
          .mapToDouble(e -> e.getValue().getScore())
          .findFirst().orElse(Double.NaN);
      byMethod.put(method, new Measured(scores, bytes));
    }
    return byMethod;
  }
}
