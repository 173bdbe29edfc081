package dev.yoi.cli.index;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Whether a plugin jar or class directory has an index to read, judged from its files alone (no
 * class is loaded). When there is none, its class files say why: a class annotated
 * {@code @Feature} means the processor did not run (on JDK 23 and later javac runs no processor it
 * finds on the class path); a class the processor generates means the index was lost after the
 * build. Either way the message says what to change.
 */
public final class IndexPresence {
  private static final String INDEX = IndexLine.INDEX_PATH;
  /** How an {@code @Feature} use appears in a class file's constant pool (CLASS retention keeps it there). */
  private static final byte[] FEATURE_ANNOTATION =
      "Ldev/yoi/feature/annotation/Feature;".getBytes(StandardCharsets.US_ASCII);
  private static final String GENERATED_SUFFIX = "_FeatureDescriptor.class";
  private static final String MARKER_PACKAGE = "dev/yoi/markers/";
  private static final int NAMED = 3;
  /** How to turn the processor on, for every build tool and every JDK. */
  private static final String TURN_ON = "Name yoi-processor as an annotation processor: Maven,"
      + " in the maven-compiler-plugin's <annotationProcessorPaths>; Gradle, in the"
      + " annotationProcessor configuration; javac, with -processorpath. (JDK 23 and later run no"
      + " processor found only on the class path; -proc:full restores that.)";

  private IndexPresence() {}

  /**
   * Why {@code plugin} (a jar, or a class directory) declares no feature, if it does not: not a
   * jar, unreadable, no index, or an empty one. What {@code verify} and {@code inspect} report.
   */
  public static Optional<Diagnostic> check(Path plugin) {
    if (Files.isDirectory(plugin)) {
      Path index = plugin.resolve(INDEX);
      if (!Files.isRegularFile(index)) {
        return Optional.of(noIndex(plugin, scanDirectory(plugin)));
      }
      try {
        return Files.readString(index, StandardCharsets.UTF_8).isBlank()
            ? Optional.of(emptyIndex(plugin)) : Optional.empty();
      } catch (IOException e) {
        return Optional.empty(); // the catalog reads it next and reports what it cannot read
      }
    }
    try (ZipFile zip = new ZipFile(plugin.toFile())) {
      ZipEntry index = zip.getEntry(INDEX);
      if (index == null) {
        return Optional.of(noIndex(plugin, scanJar(zip)));
      }
      try (InputStream in = zip.getInputStream(index)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).isBlank()
            ? Optional.of(emptyIndex(plugin)) : Optional.empty();
      }
    } catch (ZipException e) {
      return Optional.of(error(plugin + " is not a jar (" + e.getMessage() + "). Point at the"
          + " plugin's jar file or at a directory of plugin jars."));
    } catch (IOException e) {
      return Optional.of(error(plugin + " cannot be read (" + e.getMessage() + "). Check the file,"
          + " or rebuild the plugin."));
    }
  }

  /**
   * The problem with {@code plugin} only when its classes show it was meant to hold features but
   * it has no index: what {@code report} adds, since a jar with no feature classes may be a plain
   * library beside the plugins.
   */
  public static Optional<Diagnostic> featuresWithoutIndex(Path plugin) {
    if (Files.isDirectory(plugin)) {
      return Files.isRegularFile(plugin.resolve(INDEX)) ? Optional.empty()
          : evidenced(plugin, scanDirectory(plugin));
    }
    try (ZipFile zip = new ZipFile(plugin.toFile())) {
      return zip.getEntry(INDEX) != null ? Optional.empty() : evidenced(plugin, scanJar(zip));
    } catch (IOException e) {
      return Optional.empty(); // not a jar: the catalog has nothing to say about it either
    }
  }

  /**
   * A directory without an index and without jars, as {@code verify} was given it: if its class
   * files are features compiled without the processor, say so; else that there is nothing there.
   */
  static Diagnostic emptyDirectory(Path dir) {
    Evidence evidence = scanDirectory(dir);
    if (!evidence.isEmpty()) {
      return noIndex(dir, evidence);
    }
    // An error, like a jar without an index: a CI step that verifies an empty build output
    // directory must not pass.
    return error(dir + " holds no .jar files and no " + INDEX + ", so it has no features. Point at"
        + " a plugin jar, a directory of plugin jars, or a class output directory (target/classes).");
  }

  private static Optional<Diagnostic> evidenced(Path plugin, Evidence evidence) {
    return evidence.isEmpty() ? Optional.empty() : Optional.of(noIndex(plugin, evidence));
  }

  private static Diagnostic noIndex(Path plugin, Evidence evidence) {
    // Generated classes first: they prove the processor ran, whatever else is annotated.
    if (!evidence.generated().isEmpty()) {
      return error(plugin + " has no " + INDEX + ", though it holds classes the Yoi processor"
          + " generates (" + names(evidence.generated()) + "): the processor ran, but its index was"
          + " lost after compiling. Make the build package META-INF/yoi/ with the classes (look for"
          + " a resource filter, a shade or assembly exclude, or a step that copies only .class"
          + " files), then rebuild " + what(plugin) + ".");
    }
    if (!evidence.annotated().isEmpty()) {
      return error(plugin + " has no " + INDEX + ", but " + names(evidence.annotated()) + " "
          + (evidence.annotated().size() == 1 ? "is" : "are") + " annotated @Feature: the Yoi"
          + " annotation processor did not run when " + (evidence.annotated().size() == 1 ? "it was" : "they were")
          + " compiled. " + TURN_ON + " Then rebuild " + what(plugin) + ".");
    }
    return error(plugin + " has no " + INDEX + ", so it declares no features. If it should, the"
        + " Yoi annotation processor did not run: " + TURN_ON + " Then rebuild " + what(plugin) + ".");
  }

  private static Diagnostic emptyIndex(Path plugin) {
    return error(plugin + " has an empty " + INDEX + ", so it declares no features. The Yoi"
        + " processor writes one line per @Feature class: the index was emptied after the build,"
        + " or the last build compiled no @Feature class (an incremental build that skipped them?)."
        + " Rebuild " + what(plugin) + " from clean.");
  }

  private static String what(Path plugin) {
    return Files.isDirectory(plugin) ? "the classes" : "the jar";
  }

  private static String names(List<String> classes) {
    return String.join(", ", classes) + (classes.size() < NAMED ? "" : ", ...");
  }

  /** Class names (up to {@value #NAMED} of each kind) that show what was meant to be here. */
  private record Evidence(List<String> annotated, List<String> generated) {
    boolean isEmpty() {
      return annotated.isEmpty() && generated.isEmpty();
    }
  }

  private static Evidence scanJar(ZipFile zip) throws IOException {
    Evidence evidence = new Evidence(new ArrayList<>(), new ArrayList<>());
    for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
      ZipEntry entry = entries.nextElement();
      if (entry.isDirectory() || !entry.getName().endsWith(".class")) {
        continue;
      }
      try (InputStream in = zip.getInputStream(entry)) {
        look(entry.getName(), in, evidence);
      }
      if (evidence.generated().size() >= NAMED) {
        break;
      }
    }
    return evidence;
  }

  private static Evidence scanDirectory(Path dir) {
    Evidence evidence = new Evidence(new ArrayList<>(), new ArrayList<>());
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".class"))::iterator) {
        if (!Files.isRegularFile(file)) {
          continue;
        }
        try (InputStream in = Files.newInputStream(file)) {
          look(dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"), in, evidence);
        }
        if (evidence.generated().size() >= NAMED) {
          break;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // What could be read is the evidence; an unreadable directory says nothing more.
    }
    return evidence;
  }

  /** Generated classes are known by name; annotated ones by their bytes, read until enough are named. */
  private static void look(String entryName, InputStream in, Evidence evidence) throws IOException {
    String className = entryName.substring(0, entryName.length() - ".class".length()).replace('/', '.');
    if (entryName.endsWith(GENERATED_SUFFIX) || entryName.startsWith(MARKER_PACKAGE)) {
      add(evidence.generated(), className);
    } else if (evidence.annotated().size() < NAMED && contains(in.readAllBytes(), FEATURE_ANNOTATION)) {
      add(evidence.annotated(), className);
    }
  }

  private static void add(List<String> names, String name) {
    if (names.size() < NAMED) {
      names.add(name);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static Diagnostic error(String message) {
    return new Diagnostic(DiagnosticCode.INDEX_CORRUPT.code(), Severity.ERROR, "",
        DiagnosticCode.INDEX_CORRUPT.format(message));
  }
}
