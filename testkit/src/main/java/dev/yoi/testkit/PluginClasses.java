package dev.yoi.testkit;

import dev.yoi.descriptor.IndexLine;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * A plugin's compiled output (class directories or jars) behind its own class loader, a child of
 * the test's: what a host does with a plugin jar. Refuses output the test's class loader already
 * sees, where the Pod would read the plugin as a builtin.
 */
final class PluginClasses implements AutoCloseable {
  private final FeatureSource source;
  private final List<Path> roots;
  private final URLClassLoader loader;
  private final List<String> featureIds;

  private PluginClasses(FeatureSource source, List<Path> roots, URLClassLoader loader, List<String> featureIds) {
    this.source = source;
    this.roots = roots;
    this.loader = loader;
    this.featureIds = featureIds;
  }

  /**
   * Opens {@code roots} as one plugin of {@code source}.
   *
   * @throws IllegalStateException if a root is missing or holds no index (the processor did not
   *     run), or if {@code parent} already sees the plugin's classes
   */
  static PluginClasses open(FeatureSource source, List<Path> roots, ClassLoader parent) {
    if (source == FeatureSource.BUILTIN) {
      throw new IllegalArgumentException("a plugin under test is a PROJECT or USER plugin; builtins"
          + " come from the test class path");
    }
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("name at least one class directory or jar of the plugin");
    }
    List<Path> absolute = new ArrayList<>();
    List<URL> urls = new ArrayList<>();
    for (Path root : roots) {
      Path path = root.toAbsolutePath().normalize();
      checkIndexed(path);
      absolute.add(path);
      urls.add(url(path));
    }
    refuseIfOnTestClassPath(absolute, parent);
    URLClassLoader loader = new URLClassLoader("yoi-testkit " + source.name().toLowerCase(java.util.Locale.ROOT),
        urls.toArray(URL[]::new), parent);
    List<String> ids = new ArrayList<>();
    FeatureCatalog catalog = FeatureCatalog.read(new FeatureLoader(loader, source));
    for (CatalogEntry entry : catalog.entries()) {
      if (!ids.contains(entry.id())) {
        ids.add(entry.id());
      }
    }
    refuseIfClassesOnTestClassPath(catalog, parent);
    return new PluginClasses(source, List.copyOf(absolute), loader, List.copyOf(ids));
  }

  FeatureSource source() {
    return source;
  }

  ClassLoader loader() {
    return loader;
  }

  /** The full ids of the plugin's features, e.g. {@code project:weather}, as its index names them. */
  List<String> featureIds() {
    return featureIds;
  }

  List<Path> roots() {
    return roots;
  }

  @Override
  public void close() {
    try {
      loader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checkIndexed(Path root) {
    if (!Files.exists(root)) {
      throw new IllegalStateException("yoi-testkit: the plugin output " + root + " does not exist."
          + "\n  Compile the plugin first (Maven's test phase compiles it; in an IDE, build the"
          + " project), or name the right directory or jar.");
    }
    boolean indexed;
    if (Files.isDirectory(root)) {
      indexed = Files.isRegularFile(root.resolve(IndexLine.INDEX_PATH));
    } else {
      try (JarFile jar = new JarFile(root.toFile())) {
        indexed = jar.getEntry(IndexLine.INDEX_PATH) != null;
      } catch (IOException e) {
        throw new IllegalStateException("yoi-testkit: the plugin output " + root + " is neither a"
            + " directory nor a readable jar (" + e.getMessage() + ").", e);
      }
    }
    if (!indexed) {
      throw new IllegalStateException("yoi-testkit: the plugin output " + root + " has no "
          + IndexLine.INDEX_PATH + ", so no feature: the Yoi processor did not run when it was"
          + " compiled (or the plugin declares no @Feature)."
          + "\n  Put yoi-processor on the processor path: Maven, maven-compiler-plugin's"
          + " <annotationProcessorPaths>; Gradle, annotationProcessor(\"dev.yoi:yoi-processor:..\")."
          + " javac from JDK 23 on runs no processor it only finds on the class path.");
    }
  }

  /** The same index through the parent: the Pod would read the plugin's features as builtins. */
  private static void refuseIfOnTestClassPath(List<Path> roots, ClassLoader parent) {
    List<Path> inParent = new ArrayList<>();
    try {
      for (URL url : Collections.list(parent.getResources(IndexLine.INDEX_PATH))) {
        rootOf(url).ifPresent(inParent::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path root : roots) {
      if (inParent.contains(real(root))) {
        throw onTestClassPath(root.toString());
      }
    }
  }

  /** The directory or jar an index URL was found in, as a real path; empty for other URL kinds. */
  private static Optional<Path> rootOf(URL index) {
    try {
      String text = index.toExternalForm();
      if (text.startsWith("jar:file:") && text.contains("!/")) {
        return Optional.of(real(Path.of(new URI(text.substring(4, text.indexOf("!/"))))));
      }
      if (index.getProtocol().equals("file")) {
        Path file = Path.of(index.toURI());
        return Optional.of(real(file.getParent().getParent().getParent()));
      }
    } catch (URISyntaxException | IllegalArgumentException e) {
      // Not a file the kit could have been given.
    }
    return Optional.empty();
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /** The plugin's classes reachable through the parent (e.g. its jar elsewhere on the class path). */
  private static void refuseIfClassesOnTestClassPath(FeatureCatalog catalog, ClassLoader parent) {
    for (CatalogEntry entry : catalog.entries()) {
      String resource = entry.line().descriptorClass().replace('.', '/') + ".class";
      URL seen = parent.getResource(resource);
      if (seen != null) {
        throw onTestClassPath(entry.line().descriptorClass() + " at " + seen);
      }
    }
  }

  private static IllegalStateException onTestClassPath(String what) {
    return new IllegalStateException("yoi-testkit: the plugin under test is also on the test class"
        + " path (" + what + "), where a Pod reads it as a builtin: builtin:<id>, every authority"
        + " granted, no approval. The kit loads the plugin through its own class loader, as a host"
        + " does, so its classes must not be on the test class path."
        + "\n  Maven: in maven-surefire-plugin's configuration,"
        + " <classesDirectory>${project.build.directory}/no-main-classes</classesDirectory>."
        + "\n  Gradle: tasks.test { classpath = classpath - sourceSets.main.get().output }.");
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(path + " has no URL form: " + e.getMessage(), e);
    }
  }
}
