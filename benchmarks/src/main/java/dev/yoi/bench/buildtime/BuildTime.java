package dev.yoi.bench.buildtime;

import dev.yoi.bench.measure.Measurement;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 2: javac wall time on the same generated sources with each configuration. Runs are
 * interleaved (run 1 of every configuration, then run 2, ...) so that load from elsewhere on a
 * shared machine spreads over all of them and same-run ratios stay fair.
 */
public final class BuildTime {
  /** Where {@link #measure} leaves the last yoi run's classes. */
  public static Path yoiClasses(Path work) {
    return work.resolve("classes-" + BuildConfig.YOI.name().toLowerCase());
  }

  private final Javac javac;
  private final PrintStream log;

  public BuildTime(Javac javac, PrintStream log) {
    this.javac = javac;
    this.log = log;
  }

  /**
   * Measures each of {@code configs} {@code runs} times on the sources listed in {@code argFile}.
   * The last yoi run's classes stay in {@code work/classes-yoi} (see {@link #yoiClasses}).
   */
  public Map<BuildConfig, List<Measurement>> measure(
      int n, List<BuildConfig> configs, Path argFile, Path work, int runs, boolean warmUp)
      throws IOException, InterruptedException {
    Map<BuildConfig, List<Measurement>> results = new EnumMap<>(BuildConfig.class);
    if (warmUp) { // one unmeasured compile warms the file cache for the sources and jars
      javac.compile(BuildConfig.NONE, argFile, work.resolve("classes-warmup"));
      Javac.deleteTree(work.resolve("classes-warmup"));
    }
    for (int run = 1; run <= runs; run++) {
      for (BuildConfig config : configs) {
        Path out = work.resolve("classes-" + config.name().toLowerCase());
        Measurement m = javac.compile(config, argFile, out);
        results.computeIfAbsent(config, c -> new ArrayList<>()).add(m);
        log.printf("build-time N=%d run %d/%d %-12s %8.0f ms  rss %d MB%n",
            n, run, runs, config.label(), m.wallMillis(), m.peakRssKb() / 1024);
        if (run < runs || config != BuildConfig.YOI) { // the last yoi output feeds the start-up jar
          Javac.deleteTree(out);
        }
      }
    }
    return results;
  }
}
