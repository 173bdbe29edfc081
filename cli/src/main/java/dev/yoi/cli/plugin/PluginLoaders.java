package dev.yoi.cli.plugin;

import dev.yoi.cli.index.InputException;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.FeatureFile;
import dev.yoi.feature.catalog.FeatureLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One class loader per plugin jar (or class directory), each a child of the host's loader so the
 * plugin sees the author API, each tagged with the source the host gives it; and the feature files
 * ({@code *.features.jsonl}, features with no code) found beside them, with the same source.
 * Closing closes the loaders.
 */
public final class PluginLoaders implements AutoCloseable {
  private final List<URLClassLoader> opened = new ArrayList<>();
  private final List<FeatureLoader> loaders = new ArrayList<>();
  private final List<Path> plugins = new ArrayList<>();
  private final List<FeatureFile> files = new ArrayList<>();
  /** Whether the plugins are only read (see {@link PluginFilesLoader}), not run. */
  private final boolean readOnly;

  private PluginLoaders(boolean readOnly) {
    this.readOnly = readOnly;
  }

  /**
   * Opens a loader per plugin found in {@code paths}: a jar, a class directory (holding
   * {@code META-INF/yoi/features.jsonl}) or a directory searched recursively for jars.
   *
   * @throws InputException if a path does not exist or cannot be listed
   */
  public static PluginLoaders open(ClassLoader parent, FeatureSource source, List<Path> paths)
      throws InputException {
    return open(new PluginLoaders(false), parent, source, paths);
  }

  /**
   * Opens the plugins in {@code paths} to read their indexes and class files, never to run them:
   * each loader finds that plugin's own files and loads no class.
   *
   * @throws InputException if a path does not exist or cannot be listed
   */
  public static PluginLoaders openForReading(FeatureSource source, List<Path> paths) throws InputException {
    return open(new PluginLoaders(true), null, source, paths);
  }

  private static PluginLoaders open(PluginLoaders result, ClassLoader parent, FeatureSource source,
      List<Path> paths) throws InputException {
    try {
      result.add(parent, source, paths);
    } catch (InputException | RuntimeException e) {
      result.close();
      throw e;
    }
    return result;
  }

  /**
   * The layout yoi ships and the demo uses: {@code dir/project} holds project plugins,
   * {@code dir/user} user plugins; either may be missing.
   */
  public static PluginLoaders openLayout(ClassLoader parent, Path dir) throws InputException {
    return open(parent, existing(dir.resolve("project")), existing(dir.resolve("user")));
  }

  /** Project plugins, then user plugins; nothing stays open if a path is wrong. */
  public static PluginLoaders open(ClassLoader parent, List<Path> project, List<Path> user)
      throws InputException {
    PluginLoaders result = open(parent, FeatureSource.PROJECT, project);
    try {
      return result.add(parent, FeatureSource.USER, user);
    } catch (InputException | RuntimeException e) {
      result.close();
      throw e;
    }
  }

  private static List<Path> existing(Path dir) {
    return Files.isDirectory(dir) ? List.of(dir) : List.of();
  }

  /** Adds the plugins in {@code paths} with {@code source}. */
  public PluginLoaders add(ClassLoader parent, FeatureSource source, List<Path> paths) throws InputException {
    for (Path plugin : plugins(paths)) {
      String name = "yoi-" + source.prefix() + "-" + plugin.getFileName();
      URLClassLoader loader = readOnly ? new PluginFilesLoader(name, url(plugin))
          : new URLClassLoader(name, new URL[] {url(plugin)}, parent);
      opened.add(loader);
      loaders.add(new FeatureLoader(loader, source));
      plugins.add(plugin);
    }
    for (Path file : featureFiles(paths)) {
      files.add(new FeatureFile(file, source));
    }
    return this;
  }

  /** The feature files found, in the order found, each with the source of the path it was found under. */
  public List<FeatureFile> files() {
    return List.copyOf(files);
  }

  /** The loaders, in the order the plugins were found. */
  public List<FeatureLoader> loaders() {
    return List.copyOf(loaders);
  }

  /** The jars and class directories loaded, in the same order. */
  public List<Path> plugins() {
    return List.copyOf(plugins);
  }

  @Override
  public void close() {
    for (URLClassLoader loader : opened) {
      try {
        loader.close();
      } catch (IOException e) {
        // Nothing to do: the jar stays open until the JVM exits.
      }
    }
    opened.clear();
  }

  /**
   * The plugin jars and class directories the paths name, in order, each once: a file named twice
   * (the same path, a link to it, or a jar and its directory) is one plugin, not a duplicate.
   */
  public static List<Path> plugins(List<Path> paths) throws InputException {
    List<Path> found = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new InputException(path + ": no such file or directory");
      }
      if (featureFile(path)) {
        continue; // read as data by featureFiles, never opened as a jar
      }
      if (!Files.isDirectory(path) || Files.isRegularFile(path.resolve(IndexLine.INDEX_PATH))) {
        found.add(canonical(path));
        continue;
      }
      try (Stream<Path> walk = Files.walk(path)) {
        walk.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
            .sorted()
            .map(PluginLoaders::canonical)
            .forEach(found::add);
      } catch (IOException | UncheckedIOException e) {
        throw new InputException(path + ": cannot list the directory (" + e.getMessage() + ")");
      }
    }
    return found.stream().distinct().toList();
  }

  /** The real path (links resolved), so that one file is one plugin however it was named. */
  private static Path canonical(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /**
   * The feature files the paths name: a {@code *.features.jsonl} file itself, or every one in a
   * directory of plugins, searched recursively; in order, each once.
   *
   * @throws InputException if a path does not exist or cannot be listed
   */
  public static List<Path> featureFiles(List<Path> paths) throws InputException {
    List<Path> found = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new InputException(path + ": no such file or directory");
      }
      if (featureFile(path)) {
        found.add(path.toAbsolutePath().normalize());
      } else if (Files.isDirectory(path) && !Files.isRegularFile(path.resolve(IndexLine.INDEX_PATH))) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(PluginLoaders::featureFile).sorted().map(p -> p.toAbsolutePath().normalize()).forEach(found::add);
        } catch (IOException | UncheckedIOException e) {
          throw new InputException(path + ": cannot list the directory (" + e.getMessage() + ")");
        }
      }
    }
    return found.stream().distinct().toList();
  }

  private static boolean featureFile(Path path) {
    return path.getFileName() != null && path.getFileName().toString().endsWith(IndexLine.FEATURE_FILE_SUFFIX)
        && Files.isRegularFile(path);
  }

  private static URL url(Path plugin) {
    try {
      return plugin.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("a file path is always a URL: " + plugin, e);
    }
  }
}
