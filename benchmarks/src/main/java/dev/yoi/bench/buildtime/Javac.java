package dev.yoi.bench.buildtime;

import dev.yoi.bench.measure.Artifacts;
import dev.yoi.bench.measure.ChildProcess;
import dev.yoi.bench.measure.Measurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compiles a generated source tree with the JDK's {@code javac} launcher, one fresh process per
 * compilation, so each measurement includes what a build pays: JVM start, processor discovery,
 * every round, and writing class files.
 */
public final class Javac {
  private final Artifacts artifacts;
  private final ChildProcess child;
  private final Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");

  public Javac(Artifacts artifacts, ChildProcess child) {
    this.artifacts = artifacts;
    this.child = child;
  }

  /** Compiles the sources listed in {@code argFile} into a fresh {@code out}, with {@code config}'s processors. */
  public Measurement compile(BuildConfig config, Path argFile, Path out) throws IOException, InterruptedException {
    deleteTree(out);
    Files.createDirectories(out);
    return child.run(command(config, argFile, out), out.getParent());
  }

  /** The whole command line, as the report prints it. */
  public List<String> command(BuildConfig config, Path argFile, Path out) {
    List<String> command = new ArrayList<>(List.of(javac.toString(), "--release", "17", "-encoding", "UTF-8",
        "-nowarn", "-implicit:none", "-cp", BuildConfig.compileClasspath(artifacts), "-d", out.toString()));
    command.addAll(config.javacOptions(artifacts));
    command.add("@" + argFile);
    return command;
  }

  /** Writes javac's argument file listing {@code sources}. */
  public static Path argFile(Path file, List<Path> sources) throws IOException {
    List<String> lines = sources.stream().map(p -> "\"" + p.toString().replace("\\", "\\\\") + "\"").toList();
    return Files.write(file, lines);
  }

  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
