package dev.yoi.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the report says about the machine, read from {@code /proc} and the running JDK. */
public record Machine(int processors, String cpu, String memory, String jdk, String os) {
  public static Machine current() {
    String cpu = read("/proc/cpuinfo").flatMap(text -> text.lines()
        .filter(l -> l.startsWith("model name"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .findFirst()).orElse("unknown");
    String memory = read("/proc/meminfo").flatMap(text -> text.lines()
        .filter(l -> l.startsWith("MemTotal:"))
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GiB")
        .findFirst()).orElse("unknown");
    String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vendor") + ")";
    String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch");
    return new Machine(Runtime.getRuntime().availableProcessors(), cpu, memory, jdk, os);
  }

  /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
  public static String load() {
    return read("/proc/loadavg").map(text -> {
      String[] parts = text.strip().split("\\s+");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    }).orElse("unknown");
  }

  private static Optional<String> read(String file) {
    try {
      return Optional.of(Files.readString(Path.of(file)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
