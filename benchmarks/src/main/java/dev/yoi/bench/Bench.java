package dev.yoi.bench;

import dev.yoi.bench.buildtime.BuildConfig;
import dev.yoi.bench.buildtime.BuildTime;
import dev.yoi.bench.buildtime.Javac;
import dev.yoi.bench.fixed.FixedCost;
import dev.yoi.bench.generate.SyntheticFeatures;
import dev.yoi.bench.hotpath.HotPath;
import dev.yoi.bench.mcp.BridgedServer;
import dev.yoi.bench.mcp.McpServe;
import dev.yoi.bench.measure.Artifacts;
import dev.yoi.bench.measure.ChildProcess;
import dev.yoi.bench.report.Machine;
import dev.yoi.bench.report.Report;
import dev.yoi.bench.startup.FeatureJar;
import dev.yoi.bench.startup.Startup;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs every benchmark of issue 5 and writes {@code docs/benchmarks.md}. Started by
 * {@code benchmarks/run.sh}, which builds the modules and passes the Maven class path.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Build-time, start-up and hot-path benchmarks; writes the report.")
public final class Bench implements Callable<Integer> {
  /** Jars the child JVMs of the start-up figure do not need: processors, test and build tools. */
  private static final Pattern NOT_AT_RUN_TIME = Pattern.compile(
      "(yoi-(builtins|cli|mcp|processor|example-.*)|javapoet|jmh-.*|jopt-simple|commons-math3|picocli|auto-service"
          + "|auto-common|guava|failureaccess|listenablefuture|jsr305|checker-qual|error_prone_annotations"
          + "|j2objc-annotations|junit-.*|opentest4j|apiguardian-api|mcp-core|mcp-json-jackson2|reactor-core"
          + "|reactive-streams|jspecify)-\\d.*\\.jar");

  @Option(names = "--classpath-file", required = true, description = "The module's Maven class path, one line.")
  Path classpathFile;

  @Option(names = "--work", defaultValue = "benchmarks/target/bench", description = "Scratch directory.")
  Path work;

  @Option(names = "--report", defaultValue = "docs/benchmarks.md", description = "The report to write.")
  Path reportFile;

  @Option(names = "--quick", description = "N = 1,000 only, 2 runs, no warm-up runs, a short JMH run: a smoke test.")
  boolean quick;

  @Option(names = "--sizes", split = ",", description = "Feature counts (default 100,1000,10000; quick: 1000).")
  List<Integer> sizes;

  @Option(names = "--runs", description = "Runs per measurement (default 5; quick: 2).")
  Integer runs;

  @Option(names = "--all-builds", description = "Build time: every configuration at every N (default: above N = 1,000 only yoi).")
  boolean allBuilds;

  @Option(names = "--few", defaultValue = "5",
      description = "Build time also at this small N, every configuration: a module of a few features, like examples/ (0: not).")
  int few;

  @Option(names = "--skip", split = ",", description = "Figures to leave out: fixed, build, startup, hotpath, mcp,"
      + " bridge.")
  Set<String> skip = Set.of();

  @Option(names = "--analysis", description = "A hand-written section (profiles of missed targets) appended to the report.")
  Path analysis;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    PrintStream log = System.out;
    work = work.toAbsolutePath();
    List<Integer> ns = sizes != null ? sizes : quick ? List.of(1000) : List.of(100, 1000, 10000);
    int r = runs != null ? runs : quick ? 2 : 5;
    Machine machine = Machine.current();
    String loadBefore = Machine.load();
    log.println("machine: " + machine + "; load " + loadBefore);

    Artifacts artifacts = Artifacts.read(classpathFile);
    Path classes = ownClasses();
    ChildProcess child = new ChildProcess(work.resolve("child"));
    Javac javac = new Javac(artifacts, child);
    Path cliJar = cliJar(artifacts);
    Startup startup = new Startup(child, childClasspath(classes, artifacts), cliJar, log);
    Report report = new Report();

    FixedCost fixed = new FixedCost(child, artifacts, work, log);
    if (!skip.contains("fixed")) {
      report.fixed(fixed.measure(r, work, !quick));
    }
    if (!skip.contains("build") && few > 0) {
      Path dir = work.resolve("n" + few);
      Javac.deleteTree(dir);
      new SyntheticFeatures(few).write(dir.resolve("src"));
      Path argFile = Javac.argFile(dir.resolve("sources.txt"), SyntheticFeatures.sources(dir.resolve("src")));
      report.build(few, new BuildTime(javac, log).measure(few, BuildConfig.measured(), argFile, dir, r, !quick));
      Javac.deleteTree(dir);
    }

    for (int n : ns) {
      Path dir = work.resolve("n" + n);
      Javac.deleteTree(dir);
      Path sources = dir.resolve("src");
      List<String> featureClasses = new SyntheticFeatures(n).write(sources);
      Path argFile = Javac.argFile(dir.resolve("sources.txt"), SyntheticFeatures.sources(sources));
      log.printf("N=%d: %d sources generated%n", n, featureClasses.size());
      if (!skip.contains("build")) {
        // One unmeasured warm-up compile, at the first N only: it brings the JDK and the processor
        // jars into the file cache; each later N's sources were just written, so they are cached.
        boolean warmUp = !quick && n == ns.get(0);
        report.build(n, new BuildTime(javac, log).measure(n, BuildConfig.measuredAt(n, allBuilds), argFile, dir,
            r, warmUp));
      }
      if (!skip.contains("startup")) {
        Path all = startupClasses(javac, argFile, dir);
        Path plugins = dir.resolve("plugins");
        Path jar = FeatureJar.write(all, featureClasses, plugins.resolve("features.jar"));
        Javac.deleteTree(all);
        // Unmeasured warm-up runs at the first N only, as for the build: later jars were just written.
        report.startup(n, startup.measure(n, jar, plugins, r, dir, !quick && n == ns.get(0)));
      }
      Javac.deleteTree(BuildTime.yoiClasses(dir));
      Javac.deleteTree(sources);
    }
    HotPath.Settings settings = quick ? new HotPath.Settings(1, 1, 3, 1) : new HotPath.Settings(2, 3, 5, 1);
    if (!skip.contains("hotpath")) {
      report.hotPath(HotPath.run(settings), settings);
    }
    McpServe mcp = cliJar == null ? null : new McpServe(cliJar, child, log);
    McpServe.Settings mcpSettings = quick ? new McpServe.Settings(2, 300, 1000) : new McpServe.Settings(r, 2000, 5000);
    if (!skip.contains("mcp")) {
      if (mcp == null) {
        log.println("mcp: skipped, cli/target/yoi.jar is not built");
      } else {
        report.mcp(mcp.measure(mcpSettings, !quick), mcpSettings);
      }
    }

    BridgedServer.Settings bridgeSettings = quick ? new BridgedServer.Settings(2, 300, 1000)
        : new BridgedServer.Settings(r, 2000, 5000);
    Optional<BridgedServer> bridge = skip.contains("bridge") ? Optional.empty() : BridgedServer.beside(cliJar, work, log);
    if (bridge.isPresent()) {
      report.section(BridgedServer.render(bridge.get().measure(bridgeSettings, !quick), bridgeSettings));
    }

    addCommands(report, javac, startup, fixed, ns, r, settings);
    if (bridge.isPresent()) {
      report.command("# a bridged MCP server (" + bridgeSettings.describe() + "): in the benchmark JVM, a Pod with"
          + " the feature file McpPin wrote for, and a direct McpSyncClient on, each their own");
      report.command(shorten(bridge.get().serverCommand()));
    }
    if (mcp != null && !skip.contains("mcp")) {
      report.command("# yoi mcp serve: the MCP Java SDK's client (StdioClientTransport) in the benchmark JVM starts");
      report.command(shorten(mcp.serverCommand()) + "   (" + mcpSettings.describe() + ")");
      report.command("# and calls " + McpServe.TOOL + " {} through it; the in-process side is Pod.callTool(\""
          + McpServe.TOOL + "\", \"{}\") on the builtins in the benchmark JVM; the floor, one fresh JVM per run:");
      report.command(shorten(mcp.floorCommand()));
    }
    addNotes(report);
    String elapsed = Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s";
    String text = report.render(machine, loadBefore, Machine.load(), elapsed, quick);
    if (analysis != null) {
      text += "\n" + Files.readString(analysis, StandardCharsets.UTF_8);
    }
    Files.createDirectories(reportFile.toAbsolutePath().getParent());
    Files.writeString(reportFile, text, StandardCharsets.UTF_8);
    log.println("wrote " + reportFile + " in " + elapsed);
    report.targets().forEach(t -> log.println((t.met() ? "met     " : "MISSED  ") + t.target() + ": " + t.measured()));
    return 0;
  }

  /**
   * The classes of the start-up jar: every processor's output for the same sources. The last yoi
   * build's classes (javac writes the same class files whatever the processors) plus the peers'
   * index files from a {@code -proc:only} run; without a yoi build, one compile with every processor.
   */
  private static Path startupClasses(Javac javac, Path argFile, Path dir) throws IOException, InterruptedException {
    Path yoi = BuildTime.yoiClasses(dir);
    if (!Files.isDirectory(yoi)) {
      Path all = dir.resolve("classes-all");
      javac.compile(BuildConfig.ALL, argFile, all);
      return all;
    }
    Path peers = dir.resolve("classes-peers");
    javac.compile(BuildConfig.PEER_INDEXES, argFile, peers);
    try (var files = Files.walk(peers)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = yoi.resolve(peers.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    Javac.deleteTree(peers);
    return yoi;
  }

  private void addCommands(Report report, Javac javac, Startup startup, FixedCost fixed, List<Integer> ns, int r,
      HotPath.Settings settings) {
    report.command("# everything, from a clean checkout (what produced this file):");
    report.command("benchmarks/run.sh" + (quick ? " --quick" : ""));
    report.command("# profiles behind the analysis: the same child commands with");
    report.command("#   -XX:StartFlightRecording=filename=x.jfr,settings=profile   (java; javac takes it as -J-XX:...)");
    report.command("#   jfr print --events jdk.ExecutionSample,jdk.NativeMethodSample x.jfr");
    report.command("# which runs: java -cp <benchmarks classes and Maven class path> " + Bench.class.getName()
        + " --classpath-file benchmarks/target/classpath.txt" + (quick ? " --quick" : "")
        + "   (sizes " + ns + ", " + r + " runs each)");
    report.command("# fixed cost, one fresh JVM per run (fixed-cost.jar: FixedCostChild and PlainContext alone):");
    for (FixedCost.Row row : FixedCost.Row.values()) {
      report.command(shorten(fixed.command(row)));
    }
    Path dir = work.resolve("nN");
    report.command("# build time, one fresh javac per run, for each configuration (N = " + few
        + " and the sizes below):");
    for (BuildConfig config : BuildConfig.measured()) {
      report.command(shorten(javac.command(config, dir.resolve("sources.txt"), dir.resolve("classes-"
          + config.name().toLowerCase()))));
    }
    report.command("# the start-up jar: the last yoi build's classes plus the peers' index files, packed with the class list");
    report.command(shorten(javac.command(BuildConfig.PEER_INDEXES, dir.resolve("sources.txt"), dir.resolve("classes-peers"))));
    report.command("# (where yoi was not compiled: the same sources once with every processor)");
    report.command(shorten(javac.command(BuildConfig.ALL, dir.resolve("sources.txt"), dir.resolve("classes-all"))));
    report.command("# start-up, one fresh JVM per run (peak RSS: /usr/bin/time -f %M, else VmHWM polled from /proc):");
    for (Startup.Row row : startup.rows()) {
      report.command(shorten(startup.command(row, dir.resolve("plugins/features.jar"), dir.resolve("plugins"))));
    }
    report.command("# hot path: JMH through its Runner API, " + settings.describe() + ":");
    report.command("java -cp <benchmarks classes and Maven class path> org.openjdk.jmh.Main ToolCallBenchmark -f "
        + settings.forks() + " -wi " + settings.warmupIterations() + " -i " + settings.measurementIterations()
        + " -w " + settings.seconds() + "s -r " + settings.seconds() + "s -prof gc");
    report.command("java -cp <benchmarks classes and Maven class path> org.openjdk.jmh.Main HookAllocationBenchmark -f 0"
        + " -wi 5 -i " + settings.measurementIterations() + " -prof gc   (both variants in one JVM)");
  }

  private static void addNotes(Report report) {
    report.note("Workload: N features from `SyntheticFeatures`, each with two tools taking records, one"
        + " pre-tool-call hook, and every tenth providing a service that the feature five places later"
        + " requires. The same classes carry `@AutoService(FeatureModule.class)` and PF4J's `@Extension`,"
        + " so every mechanism finds the very same classes, in one jar.");
    report.note("Every start-up mechanism ends with each feature constructed and its `install` run: Yoi's"
        + " into a Pod (`Pod.start()`, every registration checked against the compiled descriptor), the"
        + " others into plain lists with no check. The physical limit is that without any discovery:"
        + " a list of class names, `Class.forName`, construct, install. The features are given the"
        + " builtin source, so no approval lock is read.");
    report.note("Each child run's output is checked (features, tools and hooks installed), so a mechanism"
        + " that found less cannot look faster.");
  }

  /** Replaces each absolute path in a command line with its file name, for the report. */
  private String shorten(List<String> command) {
    List<String> out = new ArrayList<>();
    for (String part : command) {
      List<String> entries = new ArrayList<>();
      for (String entry : part.split(Pattern.quote(File.pathSeparator))) {
        String prefix = entry.startsWith("@") ? "@" : "";
        String path = prefix.isEmpty() ? entry : entry.substring(1);
        if (path.startsWith("/") && !path.startsWith("/usr/bin/")) {
          Path p = Path.of(path);
          String shown = path.startsWith(work.toAbsolutePath().toString())
              ? work.toAbsolutePath().relativize(p).toString()
              : p.getFileName().toString();
          entries.add(prefix + shown);
        } else {
          entries.add(entry);
        }
      }
      out.add(String.join(File.pathSeparator, entries));
    }
    return String.join(" ", out);
  }

  private static Path ownClasses() throws URISyntaxException {
    return Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static String childClasspath(Path classes, Artifacts artifacts) {
    List<String> parts = new ArrayList<>();
    parts.add(classes.toString());
    for (Path entry : artifacts.entries()) {
      if (!NOT_AT_RUN_TIME.matcher(entry.getFileName().toString()).matches()) {
        parts.add(entry.toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, parts);
  }

  private static Path cliJar(Artifacts artifacts) {
    try {
      Path jar = artifacts.jar("yoi-cli").toAbsolutePath().getParent().resolve("yoi.jar");
      return Files.isRegularFile(jar) ? jar : null;
    } catch (IllegalStateException e) {
      return null;
    }
  }
}
