package dev.yoi.bench.startup;

import dev.yoi.bench.measure.ChildProcess;
import dev.yoi.bench.measure.Measurement;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 3: each mechanism in a fresh JVM over the same feature jar, runs interleaved. Each run's
 * output is checked against the workload, so a mechanism that silently found fewer features
 * cannot look fast.
 */
public final class Startup {
  /** A row of the figure: a mechanism run in a child JVM, or the {@code yoi inspect} command. */
  public record Row(String key, String label, String description) {}

  private final ChildProcess child;
  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private final String classpath;
  private final Path cliJar;
  private final PrintStream log;

  /**
   * @param classpath the child JVMs' class path (the runtime and the peers, not the features)
   * @param cliJar the {@code yoi} CLI jar, or null when it is not built
   */
  public Startup(ChildProcess child, String classpath, Path cliJar, PrintStream log) {
    this.child = child;
    this.classpath = classpath;
    this.cliJar = cliJar;
    this.log = log;
  }

  public List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (Mechanism m : Mechanism.values()) {
      rows.add(new Row(m.name(), m.label(), m.description()));
    }
    if (cliJar != null) {
      rows.add(new Row("INSPECT", "yoi inspect", "java -jar yoi.jar inspect on the jar: the catalog as a table, no feature class loaded"));
      if (Files.isRegularFile(launcher())) {
        rows.add(new Row("INSPECT_CDS", "yoi inspect, launcher", "cli/target/yoi inspect on the jar: the same command"
            + " through the launcher, with the class-data-sharing archive made at build time (yoi.jsa) and the"
            + " JIT's quick tier alone (-XX:TieredStopAtLevel=1)"));
      }
    }
    return rows;
  }

  /** The command a row runs, as the report prints it. */
  public List<String> command(Row row, Path jar, Path pluginsDir) {
    if (row.key().equals("INSPECT")) {
      return List.of(java, "-jar", cliJar.toString(), "inspect", jar.toString());
    }
    if (row.key().equals("INSPECT_CDS")) {
      return List.of("/bin/sh", launcher().toString(), "inspect", jar.toString());
    }
    return List.of(java, "-cp", classpath, StartupChild.class.getName(), row.key(), jar.toString(),
        pluginsDir.toString());
  }

  /** The {@code yoi} launcher beside the CLI jar. */
  private Path launcher() {
    return cliJar.resolveSibling("yoi");
  }

  public Map<Row, List<Measurement>> measure(int n, Path jar, Path pluginsDir, int runs, Path work, boolean warmUp)
      throws IOException, InterruptedException {
    Map<Row, List<Measurement>> results = new LinkedHashMap<>();
    String expected = "installed features=" + n + " tools=" + 2 * n + " hooks=" + n;
    for (Row row : warmUp ? rows() : List.<Row>of()) { // one unmeasured run each: file cache warm for all
      run(row, jar, pluginsDir, work, expected);
    }
    for (int run = 1; run <= runs; run++) {
      for (Row row : rows()) {
        Measurement m = run(row, jar, pluginsDir, work, expected);
        results.computeIfAbsent(row, r -> new ArrayList<>()).add(m);
        log.printf("start-up N=%d run %d/%d %-17s wall %7.0f ms  work %7.0f ms  rss %d MB%n",
            n, run, runs, row.label(), m.wallMillis(), m.workMillis(), m.peakRssKb() / 1024);
      }
    }
    return results;
  }

  private Measurement run(Row row, Path jar, Path pluginsDir, Path work, String expected)
      throws IOException, InterruptedException {
    Measurement m = child.run(command(row, jar, pluginsDir), work);
    String out = child.lastOutput();
    if (!row.key().startsWith("INSPECT") && !out.contains(expected)) {
      throw new IllegalStateException(row.label() + " did not install the whole workload: expected \""
          + expected + "\", got:\n" + out);
    }
    return m;
  }
}
