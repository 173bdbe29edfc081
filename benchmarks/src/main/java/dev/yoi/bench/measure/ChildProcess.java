package dev.yoi.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one command as a fresh process and measures it: wall time from start to exit, the work time
 * the child prints on a {@code work-nanos=} line (if it does), and peak RSS. Peak RSS comes from
 * {@code /usr/bin/time -f %M} where it exists (exact: the kernel's maximum for the child);
 * otherwise from polling the child's {@code VmHWM} in {@code /proc/<pid>/status} every few
 * milliseconds (a high-water mark, so a missed last poll loses little).
 */
public final class ChildProcess {
  private static final Path GNU_TIME = Path.of("/usr/bin/time");
  private static final Pattern WORK = Pattern.compile("(?m)^work-nanos=(\\d+)$");
  private static final Pattern NANOS = Pattern.compile("(?m)^([a-z]+)-nanos=(\\d+)$");
  private static final Pattern HWM = Pattern.compile("(?m)^VmHWM:\\s+(\\d+) kB$");

  private final Path scratch;

  /** @param scratch a directory for the child's captured output */
  public ChildProcess(Path scratch) throws IOException {
    this.scratch = Files.createDirectories(scratch);
  }

  /** Runs {@code command} to completion; throws with its output if it exits non-zero. */
  public Measurement run(List<String> command, Path workDir) throws IOException, InterruptedException {
    Path out = scratch.resolve("child.out");
    Path err = scratch.resolve("child.err");
    Path rss = scratch.resolve("child.rss");
    Files.deleteIfExists(rss);
    boolean timed = Files.isExecutable(GNU_TIME);
    List<String> full = new ArrayList<>();
    if (timed) {
      full.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rss.toString()));
    }
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    long polled = -1;
    if (timed) {
      process.waitFor();
    } else {
      while (!process.waitFor(5, TimeUnit.MILLISECONDS)) {
        polled = Math.max(polled, vmHwm(process.pid()));
      }
    }
    long wall = System.nanoTime() - start;
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException("command failed with exit " + process.exitValue() + ": "
          + String.join(" ", command) + "\n" + tail(stdout) + "\n" + tail(Files.readString(err)));
    }
    long peak = timed ? readTimeRss(rss) : polled;
    Matcher work = WORK.matcher(stdout);
    Map<String, Long> nanos = new HashMap<>();
    for (Matcher m = NANOS.matcher(stdout); m.find(); ) {
      nanos.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return new Measurement(wall, work.find() ? Long.parseLong(work.group(1)) : -1, peak, nanos);
  }

  /** The standard output of the last run. */
  public String lastOutput() throws IOException {
    return Files.readString(scratch.resolve("child.out"), StandardCharsets.UTF_8);
  }

  private static long readTimeRss(Path rss) throws IOException {
    if (!Files.exists(rss)) {
      return -1;
    }
    String[] lines = Files.readString(rss).strip().split("\n");
    try {
      return Long.parseLong(lines[lines.length - 1].strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long vmHwm(long pid) {
    try {
      Matcher m = HWM.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (IOException | RuntimeException e) {
      return -1; // exited between polls
    }
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
  }
}
