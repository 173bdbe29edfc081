package dev.yoi.cli.index;

import dev.yoi.cli.plugin.PluginLoaders;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.DescriptorClassFile;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureFile;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.report.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads feature indexes from jars, class directories and the command's own class path through
 * the registry's {@link FeatureCatalog}, without loading a single feature class. On top of the
 * catalog's line checks it looks at class files as files: the classes an index names must exist,
 * and the generated descriptor class must carry the line's digest.
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
    List<Diagnostic> problems = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path) && !Files.isRegularFile(path.resolve(INDEX))
          && PluginLoaders.plugins(List.of(path)).isEmpty()
          && PluginLoaders.featureFiles(List.of(path)).isEmpty()) {
        problems.add(IndexPresence.emptyDirectory(path.toAbsolutePath().normalize()));
      }
    }
    List<Path> readable = new ArrayList<>();
    for (Path plugin : PluginLoaders.plugins(paths)) {
      IndexPresence.check(plugin).ifPresentOrElse(problems::add, () -> readable.add(plugin));
    }
    // Read, never run: each loader finds the plugin's own files and nothing else (no index but its own).
    try (PluginLoaders loaders = PluginLoaders.openForReading(source, readable)) {
      List<FeatureFile> files = PluginLoaders.featureFiles(paths).stream()
          .map(file -> new FeatureFile(file, source)).toList();
      Inventory found = read(FeatureCatalog.read(loaders.loaders(), files));
      return new Inventory(List.of(), problems).plus(found);
    }
  }

  /** The features this command was built with, read from {@code loader}'s indexes. */
  public static Inventory builtins(ClassLoader loader) {
    return read(FeatureCatalog.read(new FeatureLoader(loader, FeatureSource.BUILTIN)));
  }

  private static Inventory read(FeatureCatalog catalog) {
    List<FoundFeature> features = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>(catalog.diagnostics());
    for (CatalogEntry entry : catalog.entries()) {
      FoundFeature feature = new FoundFeature(entry.source(), entry.location(), entry.lineNumber(), entry.line());
      List<Diagnostic> classProblems = checkClasses(entry, feature);
      problems.addAll(classProblems);
      if (classProblems.isEmpty()) {
        features.add(feature);
      }
    }
    return new Inventory(features, problems);
  }

  /**
   * The classes a line names must be there, and the generated descriptor class must carry the
   * line's digest: {@link DescriptorClassFile}, the one reader of that class, finds its
   * {@code DIGEST} constant in the class file's bytes without loading the class.
   */
  private static List<Diagnostic> checkClasses(CatalogEntry entry, FoundFeature feature) {
    IndexLine line = feature.line();
    if (feature.location().endsWith(IndexLine.FEATURE_FILE_SUFFIX)) {
      return List.of(); // a feature file's line names no class (IndexFile.readFeatureFile checked it)
    }
    String where = "feature " + feature.id() + " (index line " + feature.lineNumber() + " of "
        + feature.location() + ")";
    DescriptorClassFile.Result descriptorClass = DescriptorClassFile.check(entry);
    if (descriptorClass instanceof DescriptorClassFile.Unknown unknown) {
      return List.of(error(DiagnosticCode.INDEX_CORRUPT, feature.id(), where + ": " + unknown.why()
          + ". The index does not belong to these classes; rebuild the plugin instead of copying"
          + " indexes between jars."));
    }
    if (descriptorClass instanceof DescriptorClassFile.Disagrees disagrees) {
      return List.of(error(DiagnosticCode.DIGEST_MISMATCH, feature.id(), where + ": the line says"
          + " digest " + line.digest() + " but " + line.descriptorClass() + " was compiled with a"
          + " different DIGEST, " + disagrees.classDigest() + ". The index was edited or comes from"
          + " another build; rebuild the plugin."));
    }
    ClassLoader loader = entry.loader().loader();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> named : namedClasses(line.descriptor()).entrySet()) {
      if (loader.getResource(classFile(named.getValue())) == null) {
        missing.add(named.getKey() + " " + named.getValue());
      }
    }
    if (!missing.isEmpty()) {
      return List.of(error(DiagnosticCode.INDEX_CORRUPT, feature.id(), where + " names "
          + (missing.size() == 1 ? "a class that is" : missing.size() + " classes that are")
          + " not there: " + String.join(", ", missing) + ". The host would fail to install it."
          + " The classes were changed after the build (a class deleted, or the jar assembled from"
          + " another build); rebuild the plugin."));
    }
    return List.of();
  }

  /**
   * Every class the descriptor names that the host loads from the plugin itself, by what it is:
   * the feature class and each contribution's class. (Input and service types may live in other
   * jars, so they are not looked for here.)
   */
  private static Map<String, String> namedClasses(FeatureDescriptor d) {
    Map<String, String> classes = new LinkedHashMap<>();
    classes.put("the feature class", d.featureClass());
    d.tools().forEach(t -> classes.put("tool " + t.name() + "'s class", t.className()));
    d.hooks().forEach(h -> classes.put("hook " + h.name() + "'s class", h.className()));
    d.backgroundTasks().forEach(t -> classes.put("task " + t.name() + "'s class", t.className()));
    d.providedServices().forEach(s -> classes.put("service " + s.id() + "'s class", s.className()));
    return classes;
  }

  /** A class's file, looked up as a resource (found, never read): the class itself is never loaded. */
  private static String classFile(String binaryName) {
    return binaryName.replace('.', '/') + ".class";
  }

  private static Diagnostic error(DiagnosticCode code, String featureId, String message) {
    return Diagnostics.error(code, featureId, message);
  }
}
