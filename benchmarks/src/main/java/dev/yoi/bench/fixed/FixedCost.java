package dev.yoi.bench.fixed;

import dev.yoi.bench.measure.Artifacts;
import dev.yoi.bench.measure.ChildProcess;
import dev.yoi.bench.measure.Measurement;
import dev.yoi.bench.startup.PlainContext;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;

/**
 * What every host pays, whatever its features: a Pod with the four builtins started in a fresh JVM
 * against the limit program (the same index lines parsed with Jackson, every class they name
 * loaded, each feature class constructed), and the first {@code callTool} against a steady-state
 * call plus the tool's own first call. Runs are interleaved. The children's class path is the
 * runtime, the builtins and a jar of {@link FixedCostChild} alone, so no other index is read.
 */
public final class FixedCost {
  /** Jars the children do not need: build tools, processors, test and benchmark libraries, the peers. */
  private static final Pattern NOT_AT_RUN_TIME = Pattern.compile(
      "(yoi-(cli|mcp|processor|example-.*)|javapoet|jmh-.*|jopt-simple|commons-math3|picocli|auto-service"
          + "|auto-common|guava|failureaccess|listenablefuture|jsr305|checker-qual|error_prone_annotations"
          + "|j2objc-annotations|junit-.*|opentest4j|apiguardian-api|mcp-core|mcp-json-jackson2|reactor-core"
          + "|reactive-streams|jspecify|pf4j|classgraph|java-semver|auto-service-annotations)-\\d.*\\.jar");

  /** A row of the figure, in report order. */
  public enum Row {
    LIMIT(FixedCostChild.Mode.LIMIT, "limit program",
        "the builtins' index lines parsed with Jackson, every class they name loaded, each feature class constructed"),
    POD_START(FixedCostChild.Mode.POD_START, "Pod.start(), the four builtins",
        "Pod.builder().features(loader, BUILTIN).build().start(): catalog, grants, order, checked install"),
    FIRST_CALL(FixedCostChild.Mode.FIRST_CALL, "first callTool, prepared",
        "start, then the first " + FixedCostChild.TOOL + " call once the Pod's tool preparation (a background"
            + " thread started by start()) has ended, as after the host's first model round trip"),
    FIRST_CALL_NOW(FixedCostChild.Mode.FIRST_CALL_NOW, "first callTool, at once",
        "start, then the first " + FixedCostChild.TOOL + " call as soon as start() returns"),
    DIRECT_CALL(FixedCostChild.Mode.DIRECT_CALL, "the tool's own first call",
        "start (and its preparation), then a fresh TaskToolsFeature installed into plain lists, `{}` decoded"
            + " into " + FixedCostChild.TOOL + "'s input record with a Jackson mapper and the tool called directly:"
            + " the tool's own first-call cost, no history, hooks or schema");

    private final FixedCostChild.Mode mode;
    private final String label;
    private final String description;

    Row(FixedCostChild.Mode mode, String label, String description) {
      this.mode = mode;
      this.label = label;
      this.description = description;
    }

    public String label() {
      return label;
    }

    public String description() {
      return description;
    }
  }

  private final ChildProcess child;
  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private final String classpath;
  private final PrintStream log;

  /** @param work where the children's jar is written */
  public FixedCost(ChildProcess child, Artifacts artifacts, Path work, PrintStream log) throws IOException {
    this.child = child;
    this.log = log;
    List<String> parts = new ArrayList<>();
    parts.add(childJar(work.resolve("fixed-cost.jar")).toString());
    for (Path entry : artifacts.entries()) {
      if (!NOT_AT_RUN_TIME.matcher(entry.getFileName().toString()).matches()) {
        parts.add(entry.toAbsolutePath().toString());
      }
    }
    this.classpath = String.join(File.pathSeparator, parts);
  }

  public List<String> command(Row row) {
    return List.of(java, "-cp", classpath, FixedCostChild.class.getName(), row.mode.name());
  }

  public Map<Row, List<Measurement>> measure(int runs, Path work, boolean warmUp)
      throws IOException, InterruptedException {
    Map<Row, List<Measurement>> results = new EnumMap<>(Row.class);
    for (Row row : warmUp ? List.of(Row.values()) : List.<Row>of()) {
      run(row, work);
    }
    for (int run = 1; run <= runs; run++) {
      for (Row row : Row.values()) {
        Measurement m = run(row, work);
        results.computeIfAbsent(row, r -> new ArrayList<>()).add(m);
        log.printf("fixed cost run %d/%d %-28s wall %7.0f ms  work %8.1f ms%s%n", run, runs, row.label(),
            m.wallMillis(), m.workMillis(), m.nanos().containsKey("steady")
                ? String.format("  steady %.3f ms", m.millis("steady")) : "");
      }
    }
    return results;
  }

  private Measurement run(Row row, Path work) throws IOException, InterruptedException {
    Measurement m = child.run(command(row), work);
    String out = child.lastOutput();
    String expected = row == Row.LIMIT ? "constructed features=4" : "installed features=4";
    if (!out.contains(expected)) {
      throw new IllegalStateException(row.label() + " did not do the whole workload: expected \"" + expected
          + "\", got:\n" + out);
    }
    return m;
  }

  /** The children's own classes, alone in a jar: the benchmark module's classes hold an index of their own. */
  private static Path childJar(Path jar) throws IOException {
    Path classes;
    try {
      classes = Path.of(FixedCostChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      for (Class<?> type : List.of(FixedCostChild.class, PlainContext.class)) {
        String dir = type.getPackageName().replace('.', '/');
        try (var files = Files.list(classes.resolve(dir))) {
          for (Path p : files.sorted().toList()) {
            String name = p.getFileName().toString();
            if (name.startsWith(type.getSimpleName()) && name.endsWith(".class")) {
              out.putNextEntry(new JarEntry(dir + "/" + name));
              Files.copy(p, out);
              out.closeEntry();
            }
          }
        }
      }
    }
    return jar;
  }
}
