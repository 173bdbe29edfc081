package dev.yoi.feature.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the start's warm-up can run beside the main thread: more than one core, and the machine
 * not already busy with more runnable work than it has cores. Measured on the shared 2-core
 * machine (benchmarks/analysis.md, "Issue 15, install (session 3)"): at a load average of 5 the
 * warm-up made the start slower, not faster (it waits for the CPU while the main thread waits for
 * the class it is initialising). The load is the kernel's one-minute average, read from
 * {@code /proc/loadavg}; where there is no such file the cores alone decide.
 */
final class SpareCore {
  private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");

  private SpareCore() {}

  static boolean now() {
    int cores = Runtime.getRuntime().availableProcessors();
    if (cores < 2) {
      return false;
    }
    try {
      String text = new String(Files.readAllBytes(LOAD_AVERAGE), StandardCharsets.US_ASCII);
      int space = text.indexOf(' ');
      return Double.parseDouble(space < 0 ? text.strip() : text.substring(0, space)) < cores;
    } catch (IOException | RuntimeException e) {
      return true; // no load figure here: the cores decide
    }
  }
}
