package dev.yoi.bench.measure;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The jars of the benchmark module's Maven classpath (written by {@code run.sh} with
 * {@code dependency:build-classpath}), picked by artifact id to make javac's class and processor
 * paths and the child JVMs' class paths.
 */
public final class Artifacts {
  private final List<Path> entries;

  public Artifacts(List<Path> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Reads a {@code path.separator}-joined classpath file. */
  public static Artifacts read(Path classpathFile) throws IOException {
    List<Path> entries = new ArrayList<>();
    for (String part : Files.readString(classpathFile).strip().split(Pattern.quote(File.pathSeparator))) {
      if (!part.isBlank()) {
        entries.add(Path.of(part));
      }
    }
    return new Artifacts(entries);
  }

  /** The jar of {@code artifactId} (file name {@code artifactId-<version>.jar}). */
  public Path jar(String artifactId) {
    Pattern name = Pattern.compile(Pattern.quote(artifactId) + "-\\d[^/]*\\.jar");
    return entries.stream()
        .filter(p -> name.matcher(p.getFileName().toString()).matches())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + artifactId + " jar on the benchmark"
            + " classpath " + entries + "; run benchmarks/run.sh, which writes it"));
  }

  /** The jars of the given artifact ids, joined as a class path. */
  public String path(String... artifactIds) {
    List<String> parts = new ArrayList<>();
    for (String id : artifactIds) {
      parts.add(jar(id).toString());
    }
    return String.join(File.pathSeparator, parts);
  }

  public List<Path> entries() {
    return entries;
  }
}
