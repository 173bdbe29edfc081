package dev.yoi.cli.index;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.IndexEntry;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads feature indexes from jars, class directories and the command's own class path, without
 * loading a single feature class: the index says what is there, and the class files are only
 * looked at as bytes (to check that the classes an index names exist and carry its digest).
 */
public final class IndexScanner {
  private static final String INDEX = IndexLine.INDEX_PATH;

  private IndexScanner() {}

  /**
   * Reads each path: a jar; a class directory (one holding {@code META-INF/yoi/features.jsonl});
   * or a directory of plugin jars, searched recursively.
   *
   * @throws InputException if a path does not exist or cannot be read at all
   */
  public static Inventory scan(List<Path> paths, FeatureSource source) throws InputException {
    Inventory all = new Inventory(List.of(), List.of());
    for (Path path : paths) {
      all = all.plus(scan(path, source));
    }
    return all;
  }

  /** The features this command was built with, read from {@code loader}'s indexes. */
  public static Inventory builtins(ClassLoader loader) {
    List<FoundFeature> features = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(INDEX))) {
        byte[] bytes;
        try (InputStream in = url.openStream()) {
          bytes = in.readAllBytes();
        }
        read(url.toString(), bytes, FeatureSource.BUILTIN,
            name -> classBytes(loader, name), features, problems);
      }
    } catch (IOException e) {
      problems.add(error(DiagnosticCode.INDEX_CORRUPT, "",
          "the builtin indexes on this command's class path cannot be read (" + e.getMessage()
              + "). The yoi jar is damaged; rebuild it."));
    }
    return new Inventory(features, problems);
  }

  private static Inventory scan(Path path, FeatureSource source) throws InputException {
    if (!Files.exists(path)) {
      throw new InputException(path + ": no such file or directory");
    }
    if (!Files.isReadable(path)) {
      throw new InputException(path + ": not readable");
    }
    if (Files.isDirectory(path)) {
      return Files.isRegularFile(path.resolve(INDEX)) ? scanClassDirectory(path, source) : scanJarDirectory(path, source);
    }
    return scanJar(path, source);
  }

  private static Inventory scanJarDirectory(Path dir, FeatureSource source) throws InputException {
    List<Path> jars;
    try (Stream<Path> walk = Files.walk(dir)) {
      jars = walk.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new InputException(dir + ": cannot list the directory (" + e.getMessage() + ")");
    }
    if (jars.isEmpty()) {
      return new Inventory(List.of(), List.of(new Diagnostic(DiagnosticCode.INDEX_CORRUPT.code(),
          Severity.WARNING, "", DiagnosticCode.INDEX_CORRUPT.format(dir + " holds no .jar files and no "
              + INDEX + ", so it has no features. Point at a plugin jar, a directory of plugin"
              + " jars, or a class output directory (target/classes)."))));
    }
    Inventory all = new Inventory(List.of(), List.of());
    for (Path jar : jars) {
      all = all.plus(scanJar(jar, source));
    }
    return all;
  }

  private static Inventory scanClassDirectory(Path dir, FeatureSource source) throws InputException {
    Path index = dir.resolve(INDEX);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(index);
    } catch (IOException e) {
      throw new InputException(index + ": cannot read it (" + e.getMessage() + ")");
    }
    List<FoundFeature> features = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    read(index.toUri().toString(), bytes, source, name -> {
      Path file = dir.resolve(classFile(name));
      try {
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    }, features, problems);
    return new Inventory(features, problems);
  }

  private static Inventory scanJar(Path jar, FeatureSource source) {
    String location = "jar:" + jar.toAbsolutePath().normalize().toUri() + "!/" + INDEX;
    List<FoundFeature> features = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry index = zip.getEntry(INDEX);
      if (index == null) {
        problems.add(error(DiagnosticCode.INDEX_CORRUPT, "", jar + " has no " + INDEX
            + ", so it declares no features. Compile the plugin with yoi-processor on its compile"
            + " path (e.g. a provided-scope Maven dependency) and rebuild the jar."));
        return new Inventory(features, problems);
      }
      byte[] bytes;
      try (InputStream in = zip.getInputStream(index)) {
        bytes = in.readAllBytes();
      }
      read(location, bytes, source, name -> {
        ZipEntry entry = zip.getEntry(classFile(name));
        if (entry == null) {
          return Optional.empty();
        }
        try (InputStream in = zip.getInputStream(entry)) {
          return Optional.of(in.readAllBytes());
        } catch (IOException e) {
          return Optional.empty();
        }
      }, features, problems);
    } catch (ZipException e) {
      problems.add(error(DiagnosticCode.INDEX_CORRUPT, "", jar + " is not a jar (" + e.getMessage()
          + "). Point at the plugin's jar file or at a directory of plugin jars."));
    } catch (IOException e) {
      problems.add(error(DiagnosticCode.INDEX_CORRUPT, "", jar + " cannot be read (" + e.getMessage()
          + "). Check the file, or rebuild the plugin."));
    }
    return new Inventory(features, problems);
  }

  /** Finds a class file's bytes by binary name, or empty. */
  @FunctionalInterface
  private interface ClassFiles {
    Optional<byte[]> bytes(String binaryName);
  }

  private static void read(String location, byte[] bytes, FeatureSource source, ClassFiles classes,
      List<FoundFeature> features, List<Diagnostic> problems) {
    for (IndexEntry entry : IndexFile.read(location, bytes)) {
      if (entry instanceof IndexEntry.Broken broken) {
        String featureId = broken.slug().isEmpty() ? "" : source.qualify(broken.slug());
        problems.add(new Diagnostic(broken.code().code(), Severity.ERROR, featureId, broken.message()));
      } else if (entry instanceof IndexEntry.Valid valid) {
        FoundFeature feature = new FoundFeature(source, location, valid.lineNumber(), valid.line());
        List<Diagnostic> classProblems = checkClasses(feature, classes);
        problems.addAll(classProblems);
        if (classProblems.isEmpty()) {
          features.add(feature);
        }
      }
    }
  }

  /**
   * The classes a line names must be there, and the generated descriptor class must carry the
   * line's digest: its {@code DIGEST} constant is a string in the class file's constant pool, so a
   * byte search finds it without loading the class.
   */
  private static List<Diagnostic> checkClasses(FoundFeature feature, ClassFiles classes) {
    IndexLine line = feature.line();
    String where = "feature " + feature.id() + " (index line " + feature.lineNumber() + " of "
        + feature.location() + ")";
    Optional<byte[]> descriptorClass = classes.bytes(line.descriptorClass());
    if (descriptorClass.isEmpty()) {
      return List.of(error(DiagnosticCode.INDEX_CORRUPT, feature.id(), where + " names the descriptor"
          + " class " + line.descriptorClass() + ", which is not there. The index does not belong"
          + " to these classes; rebuild the plugin instead of copying indexes between jars."));
    }
    if (!contains(descriptorClass.get(), line.digest().getBytes(StandardCharsets.US_ASCII))) {
      return List.of(error(DiagnosticCode.DIGEST_MISMATCH, feature.id(), where + ": the line says"
          + " digest " + line.digest() + " but " + line.descriptorClass() + " was compiled with a"
          + " different DIGEST. The index was edited or comes from another build; rebuild the"
          + " plugin."));
    }
    if (classes.bytes(line.descriptor().featureClass()).isEmpty()) {
      return List.of(error(DiagnosticCode.INDEX_CORRUPT, feature.id(), where + " names the feature"
          + " class " + line.descriptor().featureClass() + ", which is not there. Rebuild the"
          + " plugin."));
    }
    return List.of();
  }

  private static Optional<byte[]> classBytes(ClassLoader loader, String binaryName) {
    try (InputStream in = loader.getResourceAsStream(classFile(binaryName))) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String classFile(String binaryName) {
    return binaryName.replace('.', '/') + ".class";
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

  private static Diagnostic error(DiagnosticCode code, String featureId, String message) {
    return new Diagnostic(code.code(), Severity.ERROR, featureId, code.format(message));
  }
}
