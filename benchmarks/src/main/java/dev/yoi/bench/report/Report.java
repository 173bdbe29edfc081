package dev.yoi.bench.report;

import dev.yoi.bench.buildtime.BuildConfig;
import dev.yoi.bench.fixed.FixedCost;
import dev.yoi.bench.hotpath.GuardFeature;
import dev.yoi.bench.hotpath.HookAllocationBenchmark;
import dev.yoi.bench.hotpath.HotPath;
import dev.yoi.bench.mcp.McpServe;
import dev.yoi.bench.measure.Measurement;
import dev.yoi.bench.measure.Stats;
import dev.yoi.bench.startup.Startup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Renders {@code docs/benchmarks.md}: the targets first, then one table per figure (median, min and
 * max of the runs, ratios against the baseline measured in the same run, peak RSS beside each),
 * the machine and its load, and the exact commands.
 */
public final class Report {
  /** A target, what was measured for it, and whether it is met. */
  public record Target(String figure, String target, String measured, boolean met) {}

  private final SortedMap<Integer, Map<BuildConfig, List<Measurement>>> build = new TreeMap<>();
  private final SortedMap<Integer, Map<Startup.Row, List<Measurement>>> startup = new TreeMap<>();
  private Map<FixedCost.Row, List<Measurement>> fixed = Map.of();
  private Map<String, HotPath.Measured> hotPath = Map.of();
  private HotPath.HookAllocation hookAllocation;
  private HotPath.Settings hotPathSettings;
  private McpServe.Results mcp;
  private McpServe.Settings mcpSettings;
  /** Sections a figure renders itself (e.g. the bridged MCP server's), after the others, in order. */
  private final List<String> sections = new ArrayList<>();
  private final List<String> commands = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public void build(int n, Map<BuildConfig, List<Measurement>> results) {
    build.put(n, results);
  }

  public void startup(int n, Map<Startup.Row, List<Measurement>> results) {
    startup.put(n, results);
  }

  public void fixed(Map<FixedCost.Row, List<Measurement>> results) {
    this.fixed = results;
  }

  public void hotPath(HotPath.Results results, HotPath.Settings settings) {
    this.hotPath = results.calls();
    this.hookAllocation = results.hooks();
    this.hotPathSettings = settings;
  }

  public void mcp(McpServe.Results results, McpServe.Settings settings) {
    this.mcp = results;
    this.mcpSettings = settings;
  }

  /** A whole section in Markdown, starting with its {@code ##} heading. */
  public void section(String markdown) {
    sections.add(markdown);
  }

  /** An exact command, shown in the commands section. */
  public void command(String command) {
    commands.add(command);
  }

  /** A sentence for the notes section (what a figure does and does not include). */
  public void note(String note) {
    notes.add(note);
  }

  public List<Target> targets() {
    List<Target> targets = new ArrayList<>(fixedCostTargets());
    if (build.containsKey(1000)) {
      double ratio = median(build.get(1000), BuildConfig.YOI, Measurement::wallMillis)
          / median(build.get(1000), BuildConfig.NONE, Measurement::wallMillis);
      String measured = percent(ratio - 1);
      if (build.get(1000).containsKey(BuildConfig.ONE_SOURCE)) {
        measured += " (a processor writing one empty class: " + percent(median(build.get(1000),
            BuildConfig.ONE_SOURCE, Measurement::wallMillis) / median(build.get(1000), BuildConfig.NONE,
            Measurement::wallMillis) - 1) + ")";
      }
      targets.add(new Target("build time", "Yoi's overhead over -proc:none at N = 1,000 at most 25%",
          measured, ratio <= 1.25));
    }
    if (build.containsKey(1000) && build.containsKey(10000)) {
      double growth = median(build.get(10000), BuildConfig.YOI, Measurement::wallMillis)
          / median(build.get(1000), BuildConfig.YOI, Measurement::wallMillis);
      String measured = ratio(growth);
      if (build.get(10000).containsKey(BuildConfig.NONE)) {
        measured += " (-proc:none: " + ratio(median(build.get(10000), BuildConfig.NONE, Measurement::wallMillis)
            / median(build.get(1000), BuildConfig.NONE, Measurement::wallMillis)) + ")";
      }
      targets.add(new Target("build time", "Yoi at N = 10,000 at most 11x N = 1,000", measured, growth <= 11));
    }
    // Install against the physical limit: issue 15's rows above (2x / 1.5x / 1.3x at 100 / 1,000 / 10,000).
    if (startup.containsKey(10000)) {
      double vs = startupRatio(startup.get(10000), "YOI", "SERVICE_LOADER", Measurement::workMillis);
      targets.add(new Target("start-up", "Yoi install faster than ServiceLoader at N = 10,000",
          ratio(vs) + " of ServiceLoader's time", vs < 1));
    }
    for (int n : startup.keySet()) {
      Map<Startup.Row, List<Measurement>> rows = startup.get(n);
      if (find(rows, "INSPECT") != null && n == startup.lastKey()) {
        double vs = startupRatio(rows, "INSPECT", "YOI", Measurement::wallMillis);
        targets.add(new Target("start-up", "yoi inspect at most half the install time (N = " + thousands(n) + ")",
            ratio(vs) + " of a process that installs", vs <= 0.5));
      }
    }
    if (hotPath.containsKey("podCall") && hotPath.containsKey("direct")) {
      double added = Stats.of(hotPath.get("podCall").nanosPerCall()).median()
          - Stats.of(hotPath.get("direct").nanosPerCall()).median();
      targets.add(new Target("hot path", "at most 3 µs added per call", micros(added) + " µs", added <= 3000));
      double perHook = hookAllocation.perHook();
      targets.add(new Target("hot path", "no allocation per hook beyond the call's own records",
          String.format(Locale.ROOT, "%.2f B per hook per call (with hooks minus without, / %d, over %,d calls"
              + " into a fresh Pod)", perHook, GuardFeature.HOOKS, HookAllocationBenchmark.CALLS), perHook < 1));
    }
    return targets;
  }

  /** The targets of what every user pays (issue 15), each where its figures were measured. */
  private List<Target> fixedCostTargets() {
    List<Target> targets = new ArrayList<>();
    if (fixed.containsKey(FixedCost.Row.POD_START) && fixed.containsKey(FixedCost.Row.LIMIT)) {
      double ratio = fixedMedian(FixedCost.Row.POD_START, Measurement::wallMillis)
          / fixedMedian(FixedCost.Row.LIMIT, Measurement::wallMillis);
      targets.add(new Target("fixed cost", "`Pod.start()` with the four builtins at most 1.3x the limit program,"
          + " whole process", ratio(ratio) + " (work: " + ratio(fixedMedian(FixedCost.Row.POD_START,
              Measurement::workMillis) / fixedMedian(FixedCost.Row.LIMIT, Measurement::workMillis)) + ")",
          ratio <= 1.3));
    }
    if (fixed.containsKey(FixedCost.Row.FIRST_CALL) && fixed.containsKey(FixedCost.Row.DIRECT_CALL)) {
      double first = fixedMedian(FixedCost.Row.FIRST_CALL, Measurement::workMillis);
      double steady = fixedMedian(FixedCost.Row.FIRST_CALL, m -> m.millis("steady"));
      double own = fixedMedian(FixedCost.Row.DIRECT_CALL, Measurement::workMillis);
      double ratio = first / (steady + own);
      String measured = String.format(Locale.ROOT, "%s ms = %s of (steady %s ms + the tool's own first call %s ms)",
          ms(first), ratio(ratio), ms(steady), ms(own));
      if (fixed.containsKey(FixedCost.Row.FIRST_CALL_NOW)) {
        measured += "; called at once after start: " + ms(fixedMedian(FixedCost.Row.FIRST_CALL_NOW,
            Measurement::workMillis)) + " ms";
      }
      targets.add(new Target("fixed cost", "first `callTool` after start within 2x of a steady-state call plus"
          + " the tool's own first call", measured, ratio <= 2));
    }
    Map<Integer, Double> installTargets = Map.of(100, 2.0, 1000, 1.5, 10000, 1.3);
    for (int n : startup.keySet()) {
      if (installTargets.containsKey(n) && find(startup.get(n), "YOI") != null) {
        double work = startupRatio(startup.get(n), "YOI", "PHYSICAL", Measurement::workMillis);
        targets.add(new Target("fixed cost", "install at N = " + thousands(n) + " within "
            + ratio(installTargets.get(n)) + " the physical limit (work)", ratio(work) + " (whole process "
            + ratio(startupRatio(startup.get(n), "YOI", "PHYSICAL", Measurement::wallMillis)) + ")",
            work <= installTargets.get(n)));
      }
    }
    if (startup.containsKey(100) && find(startup.get(100), "INSPECT") != null) {
      double vs = startupRatio(startup.get(100), "INSPECT", "PHYSICAL", Measurement::wallMillis);
      String measured = ratio(vs) + " of the limit's process";
      boolean met = vs <= 1.5;
      if (find(startup.get(100), "INSPECT_CDS") != null) {
        double cds = startupRatio(startup.get(100), "INSPECT_CDS", "PHYSICAL", Measurement::wallMillis);
        measured = ratio(cds) + " through the `yoi` launcher (judged on this: class-data archive, quick JIT tier), "
            + ratio(vs) + " with plain `java -jar`";
        met = cds <= 1.5;
      }
      targets.add(new Target("fixed cost", "`yoi inspect`, whole process, N = 100, at most 1.5x the physical"
          + " limit's process", measured, met));
    }
    for (int n : build.keySet()) {
      Map<BuildConfig, List<Measurement>> configs = build.get(n);
      if (n > 1000 || !configs.containsKey(BuildConfig.YOI) || !configs.containsKey(BuildConfig.AUTO_SERVICE)
          || !configs.containsKey(BuildConfig.NONE)) {
        continue;
      }
      double none = median(configs, BuildConfig.NONE, Measurement::wallMillis);
      double yoi = median(configs, BuildConfig.YOI, Measurement::wallMillis) / none - 1;
      double auto = median(configs, BuildConfig.AUTO_SERVICE, Measurement::wallMillis) / none - 1;
      targets.add(new Target("fixed cost", "javac with yoi within 15 points of AutoService, N = " + thousands(n)
          + (n < 100 ? " (a few features, like examples/)" : ""),
          percent(yoi) + " vs " + percent(auto) + ": " + String.format(Locale.ROOT, "%+.0f", (yoi - auto) * 100)
              + " points", yoi - auto <= 0.15));
    }
    return targets;
  }

  private double fixedMedian(FixedCost.Row row, ToDoubleFunction<Measurement> value) {
    return stats(fixed.get(row), value).median();
  }

  public String render(Machine machine, String loadBefore, String loadAfter, String elapsed, boolean quick) {
    StringBuilder out = new StringBuilder();
    out.append("# Benchmarks\n\n")
        .append("Generated by `benchmarks/run.sh").append(quick ? " --quick" : "").append("`; do not edit by hand")
        .append(" (rerun it). Every figure is the median of the runs, with the minimum and maximum beside it;")
        .append(" every ratio is against a baseline measured in the same run, interleaved with it, so load")
        .append(" from elsewhere on the machine falls on both sides.");
    if (quick) {
      out.append(" **This is a `--quick` run: fewer sizes and runs than the full benchmark; its figures are")
          .append(" indicative only.**");
    }
    out.append("\n\n## Targets\n\n| figure | target | measured | met |\n|---|---|---|---|\n");
    for (Target t : targets()) {
      out.append("| ").append(t.figure()).append(" | ").append(t.target()).append(" | ").append(t.measured())
          .append(" | ").append(t.met() ? "yes" : "**no**").append(" |\n");
    }
    out.append("\n## Machine\n\n")
        .append("- processors (nproc): ").append(machine.processors()).append('\n')
        .append("- CPU: ").append(machine.cpu()).append('\n')
        .append("- memory: ").append(machine.memory()).append('\n')
        .append("- JDK: ").append(machine.jdk()).append('\n')
        .append("- OS: ").append(machine.os()).append('\n')
        .append("- load average (1, 5, 15 min) at the start: ").append(loadBefore)
        .append("; at the end: ").append(loadAfter).append('\n')
        .append("- whole run: ").append(elapsed).append('\n');
    renderFixed(out);
    renderBuild(out);
    renderStartup(out);
    renderHotPath(out);
    renderMcp(out);
    sections.forEach(out::append);
    if (!notes.isEmpty()) {
      out.append("\n## Notes\n\n");
      notes.forEach(n -> out.append("- ").append(n).append('\n'));
    }
    out.append("\n## Commands\n\n")
        .append("Class and processor paths are shortened to jar names; `run.sh` resolves them from the")
        .append(" Maven build (`dependency:build-classpath`).\n\n```\n");
    commands.forEach(c -> out.append(c).append('\n'));
    out.append("```\n");
    return out.toString();
  }

  private void renderFixed(StringBuilder out) {
    if (fixed.isEmpty()) {
      return;
    }
    double limitWall = fixed.containsKey(FixedCost.Row.LIMIT)
        ? fixedMedian(FixedCost.Row.LIMIT, Measurement::wallMillis) : Double.NaN;
    out.append("\n## Fixed cost: what every host pays\n\n")
        .append("A fresh JVM with the runtime and the four builtins on its class path, nothing else.")
        .append(" \"work\" is the figure the child reports (from `main` entered, or for the calls the call")
        .append(" alone); \"process\" is the whole child process. Process ratios are over the limit program's.\n\n")
        .append("| row | work median ms | min | max | steady-state call ms | process median ms | min | max | process ratio |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    fixed.forEach((row, ms) -> {
      Stats work = stats(ms, Measurement::workMillis);
      Stats wall = stats(ms, Measurement::wallMillis);
      out.append("| ").append(row.label()).append(" | ").append(ms(work.median())).append(" | ")
          .append(ms(work.min())).append(" | ").append(ms(work.max())).append(" | ")
          .append(ms.get(0).nanos().containsKey("steady")
              ? String.format(Locale.ROOT, "%.3f", stats(ms, m -> m.millis("steady")).median()) : "")
          .append(" | ").append(ms(wall.median())).append(" | ").append(ms(wall.min())).append(" | ")
          .append(ms(wall.max())).append(" | ").append(ratio(wall.median() / limitWall)).append(" |\n");
    });
    out.append("\nRuns per row: ").append(fixed.values().iterator().next().size()).append(". Rows: ");
    List<String> described = new ArrayList<>();
    for (FixedCost.Row row : fixed.keySet()) {
      described.add("`" + row.label() + "` " + row.description());
    }
    out.append(String.join("; ", described)).append(".\n");
  }

  private void renderBuild(StringBuilder out) {
    if (build.isEmpty()) {
      return;
    }
    out.append("\n## Build time: javac on the generated sources\n\n")
        .append("Whole-process wall time of one `javac` run on the N synthetic features, for each set of")
        .append(" annotation processors; ratio = median / median of `-proc:none` at the same N.\n\n")
        .append("| N | processors | median ms | min ms | max ms | ratio to -proc:none | peak RSS MB |\n")
        .append("|---:|---|---:|---:|---:|---:|---:|\n");
    List<Integer> partial = new ArrayList<>();
    build.forEach((n, configs) -> {
      boolean hasBaseline = configs.containsKey(BuildConfig.NONE);
      if (configs.size() < BuildConfig.measured().size()) {
        partial.add(n);
      }
      for (BuildConfig config : BuildConfig.measured()) {
        if (!configs.containsKey(config)) {
          continue;
        }
        Stats s = stats(configs.get(config), Measurement::wallMillis);
        out.append("| ").append(thousands(n)).append(" | ").append(config.label()).append(" | ")
            .append(ms(s.median())).append(" | ").append(ms(s.min())).append(" | ").append(ms(s.max()))
            .append(" | ").append(hasBaseline ? ratio(s.median() / median(configs, BuildConfig.NONE,
                Measurement::wallMillis)) : "n/a").append(" | ")
            .append(mb(stats(configs.get(config), m -> m.peakRssKb()).median())).append(" |\n");
      }
    });
    if (!partial.isEmpty()) {
      out.append("\nAt N = ").append(String.join(", ", partial.stream().map(Report::thousands).toList()))
          .append(" only `yoi` is compiled: its growth from N = 1,000 is the target there, and five runs of")
          .append(" every configuration would take the whole budget of the run (`--all-builds` measures them all).\n");
    }
    out.append("\nRuns per configuration: ")
        .append(build.values().iterator().next().values().iterator().next().size())
        .append(". Configurations: ");
    List<String> described = new ArrayList<>();
    for (BuildConfig c : BuildConfig.measured()) {
      described.add("`" + c.label() + "` " + c.description());
    }
    out.append(String.join("; ", described)).append(".\n");
  }

  private void renderStartup(StringBuilder out) {
    if (startup.isEmpty()) {
      return;
    }
    out.append("\n## Start-up: find and install all N features in a fresh JVM\n\n")
        .append("\"work\" is the time from `main` entered to every feature installed, as the child JVM")
        .append(" reports it; \"process\" is the whole child process's wall time, JVM boot and exit")
        .append(" included. Ratios are medians over the physical limit's medians at the same N.\n\n")
        .append("| N | mechanism | work median ms | min | max | work ratio | process median ms | min | max | process ratio | peak RSS MB |\n")
        .append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    startup.forEach((n, rows) -> {
      Startup.Row physical = find(rows, "PHYSICAL");
      double workBase = stats(rows.get(physical), Measurement::workMillis).median();
      double wallBase = stats(rows.get(physical), Measurement::wallMillis).median();
      rows.forEach((row, ms) -> {
        Stats wall = stats(ms, Measurement::wallMillis);
        boolean hasWork = ms.get(0).workNanos() >= 0;
        Stats work = hasWork ? stats(ms, Measurement::workMillis) : null;
        out.append("| ").append(thousands(n)).append(" | ").append(row.label()).append(" | ")
            .append(hasWork ? ms(work.median()) + " | " + ms(work.min()) + " | " + ms(work.max()) + " | "
                + ratio(work.median() / workBase) : "n/a | | | ")
            .append(" | ").append(ms(wall.median())).append(" | ").append(ms(wall.min())).append(" | ")
            .append(ms(wall.max())).append(" | ").append(ratio(wall.median() / wallBase)).append(" | ")
            .append(mb(stats(ms, m -> m.peakRssKb()).median())).append(" |\n");
      });
    });
    Map<Startup.Row, List<Measurement>> any = startup.values().iterator().next();
    out.append("\nRuns per mechanism: ").append(any.values().iterator().next().size()).append(". Mechanisms: ");
    List<String> described = new ArrayList<>();
    for (Startup.Row row : any.keySet()) {
      described.add("`" + row.label() + "` " + row.description());
    }
    out.append(String.join("; ", described)).append(".\n");
  }

  private void renderHotPath(StringBuilder out) {
    if (hotPath.isEmpty()) {
      return;
    }
    double direct = Stats.of(hotPath.get("direct").nanosPerCall()).median();
    out.append("\n## Hot path: one tool call (JMH)\n\n")
        .append("`ToolCallBenchmark`: ").append(hotPathSettings.describe()).append(". Median, min and max are")
        .append(" over the measured iterations; \"added\" is the median minus the direct call's median;")
        .append(" allocation is JMH's `gc.alloc.rate.norm`.\n\n")
        .append("| benchmark | median ns/call | min | max | added ns | allocated B/call |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    for (String method : HotPath.methods()) {
      HotPath.Measured m = hotPath.get(method);
      if (m == null) {
        continue;
      }
      Stats s = Stats.of(m.nanosPerCall());
      out.append("| ").append(describeMethod(method)).append(" | ").append(ns(s.median())).append(" | ")
          .append(ns(s.min())).append(" | ").append(ns(s.max())).append(" | ")
          .append(method.equals("direct") ? "" : ns(s.median() - direct)).append(" | ")
          .append(String.format(Locale.ROOT, "%.0f", m.bytesPerCall())).append(" |\n");
    }
    out.append(String.format(Locale.ROOT, "%nAllocation per hook (`HookAllocationBenchmark`: single shots of"
            + " exactly %,d calls each into a fresh Pod, both Pods started in both variants, so only the hooks"
            + " differ; the per-call figures above come from time-based iterations, which end at different"
            + " history sizes): with hooks %.2f B per call, without %.2f; (with - without) / %d = %.2f B per"
            + " hook per call.%n", HookAllocationBenchmark.CALLS, hookAllocation.withHooks(),
        hookAllocation.withoutHooks(), GuardFeature.HOOKS, hookAllocation.perHook()));
  }

  private void renderMcp(StringBuilder out) {
    if (mcp == null) {
      return;
    }
    Stats served = Stats.of(mcp.servedMicros());
    Stats inProcess = Stats.of(mcp.inProcessMicros());
    Stats startupMs = Stats.of(mcp.startupMillis());
    Stats floor = Stats.of(mcp.floorMillis());
    out.append("\n## yoi mcp serve: a tool call through MCP, and start-up\n\n")
        .append("The builtins served by `java -jar yoi.jar mcp serve` (").append(mcp.tools())
        .append(" tools) to the MCP Java SDK's client over stdio, against the same builtins called in-process")
        .append(" with `Pod.callTool`; the tool is `").append(McpServe.TOOL).append("` with `{}`. ")
        .append(mcpSettings.describe()).append(". Start-up is from starting the server process to the answer of")
        .append(" its first `tools/list` (JVM boot, Pod start, `initialize`, `tools/list`), beside the floor of any")
        .append(" `yoi` command, `java -jar yoi.jar --version`.\n\n")
        .append("| figure | median | min | max | ratio |\n|---|---:|---:|---:|---:|\n")
        .append("| ").append(McpServe.TOOL).append(" through `yoi mcp serve`, µs per call | ").append(us(served.median()))
        .append(" | ").append(us(served.min())).append(" | ").append(us(served.max())).append(" | ")
        .append(ratio(served.median() / inProcess.median())).append(" of in-process |\n")
        .append("| ").append(McpServe.TOOL).append(" in-process (`Pod.callTool`), µs per call | ").append(us(inProcess.median()))
        .append(" | ").append(us(inProcess.min())).append(" | ").append(us(inProcess.max())).append(" | 1.00x |\n")
        .append("| start-up to the first `tools/list` answer, ms | ").append(ms(startupMs.median())).append(" | ")
        .append(ms(startupMs.min())).append(" | ").append(ms(startupMs.max())).append(" | ")
        .append(ratio(startupMs.median() / floor.median())).append(" of the floor |\n")
        .append("| floor: `yoi --version`, whole process, ms | ").append(ms(floor.median())).append(" | ")
        .append(ms(floor.min())).append(" | ").append(ms(floor.max())).append(" | 1.00x |\n")
        .append(String.format(Locale.ROOT, "%nMCP adds %s µs per call (median served minus median in-process):"
            + " JSON-RPC encoding and decoding on both sides, two pipe crossings, and the SDK's scheduling.%n",
            us(served.median() - inProcess.median())));
  }

  private static String us(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.1f", v);
  }

  private static String describeMethod(String method) {
    return switch (method) {
      case "direct" -> "the tool called directly (`Tool.call` with the input record)";
      case "podCallNoHooks" -> "`Pod.callTool`, no hooks";
      case "podCall" -> "`Pod.callTool`, four pre-tool-call hooks";
      default -> method;
    };
  }

  private static Startup.Row find(Map<Startup.Row, List<Measurement>> rows, String key) {
    return rows.keySet().stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
  }

  private static double startupRatio(Map<Startup.Row, List<Measurement>> rows, String key, String baseline,
      ToDoubleFunction<Measurement> value) {
    return stats(rows.get(find(rows, key)), value).median() / stats(rows.get(find(rows, baseline)), value).median();
  }

  private static double median(Map<BuildConfig, List<Measurement>> configs, BuildConfig config,
      ToDoubleFunction<Measurement> value) {
    return stats(configs.get(config), value).median();
  }

  private static Stats stats(List<Measurement> ms, ToDoubleFunction<Measurement> value) {
    return Stats.of(ms.stream().map(value::applyAsDouble).toList());
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.1f", v);
  }

  private static String ns(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String micros(double nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1000);
  }

  private static String mb(double kb) {
    return kb < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f", kb / 1024);
  }

  private static String ratio(double v) {
    return String.format(Locale.ROOT, "%.2fx", v);
  }

  private static String percent(double v) {
    return String.format(Locale.ROOT, "%+.0f%%", v * 100);
  }

  private static String thousands(int n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
