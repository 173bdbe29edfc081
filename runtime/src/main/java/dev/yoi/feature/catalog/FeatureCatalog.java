package dev.yoi.feature.catalog;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.Identities;
import dev.yoi.descriptor.IndexEntry;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.VersionChecks;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.Severity;
import dev.yoi.feature.report.Diagnostics;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Every feature the given class loaders hold, read from their {@code META-INF/yoi/features.jsonl}
 * indexes. Reading, listing, inspecting and diagnosing load no class: only index text is read.
 * This is the API {@code yoi inspect} and {@code yoi verify} use, with no Pod involved:
 *
 * <pre>{@code
 * try (URLClassLoader plugins = new URLClassLoader(jarUrls, Yoi.class.getClassLoader())) {
 *   FeatureCatalog catalog = FeatureCatalog.read(List.of(new FeatureLoader(plugins, FeatureSource.PROJECT)));
 *   catalog.entries();        // one per valid line, sorted by id
 *   catalog.diagnostics();    // broken lines, duplicate ids
 * }
 * }</pre>
 *
 * <p>Each loader's indexes are scoped to it: a child loader does not re-read the indexes its
 * parent sees (those features belong to the parent's source). A broken line is one diagnostic for
 * that line; every other line still loads. The same full id on two valid lines is a
 * {@code yoi/duplicate-feature} error and neither is installable.
 */
public final class FeatureCatalog {
  /** By id, then location and line. */
  private static final Comparator<CatalogEntry> ORDER = FeatureCatalog::compare;

  private final List<FeatureLoader> loaders;
  private final List<CatalogEntry> entries;
  private final Map<String, List<CatalogEntry>> byId;
  private final List<Diagnostic> diagnostics;
  /** {@link #diagnostics} by the feature they name, each in the order found. */
  private final Map<String, List<Diagnostic>> diagnosticsById = new HashMap<>();
  private final List<Diagnostic> indexDiagnostics;
  private final SortedSet<String> ids;

  private FeatureCatalog(
      List<FeatureLoader> loaders, List<CatalogEntry> entries, List<Diagnostic> diagnostics,
      SortedSet<String> brokenIds) {
    this.indexDiagnostics = List.copyOf(diagnostics);
    this.loaders = List.copyOf(loaders);
    List<CatalogEntry> sorted = new ArrayList<>(entries);
    sorted.sort(ORDER);
    this.entries = List.copyOf(sorted);
    // Loops rather than computeIfAbsent and forEach: each lambda is a class spun at the first start.
    Map<String, List<CatalogEntry>> grouped = new TreeMap<>();
    for (CatalogEntry entry : this.entries) {
      add(grouped, identity(entry), entry);
    }
    List<Diagnostic> all = new ArrayList<>(diagnostics);
    for (Map.Entry<String, List<CatalogEntry>> group : grouped.entrySet()) {
      group.setValue(List.copyOf(group.getValue()));
      if (group.getValue().size() > 1) {
        all.add(duplicate(group.getKey(), group.getValue()));
      }
    }
    this.byId = grouped;
    this.diagnostics = List.copyOf(all);
    for (Diagnostic diagnostic : this.diagnostics) {
      add(diagnosticsById, diagnostic.featureId(), diagnostic);
    }
    for (Map.Entry<String, List<Diagnostic>> named : diagnosticsById.entrySet()) {
      named.setValue(List.copyOf(named.getValue()));
    }
    TreeSet<String> allIds = new TreeSet<>(brokenIds);
    allIds.addAll(grouped.keySet());
    this.ids = Collections.unmodifiableSortedSet(allIds);
  }

  /** Reads the indexes of every loader, in order, each with the source the host gave it. */
  public static FeatureCatalog read(List<FeatureLoader> loaders) {
    return read(loaders, List.of());
  }

  /**
   * Reads the indexes of every loader, then every feature file, each with the source the host
   * gave it. A file's features have no code: {@link CatalogEntry#loader()} loads nothing.
   */
  public static FeatureCatalog read(List<FeatureLoader> loaders, List<FeatureFile> files) {
    return read(loaders, files, null);
  }

  /**
   * {@link #read(List, List)}, handing each valid line to {@code each} on this thread as soon as
   * it is read, in the order read: before the catalog is complete, so a line handed over may still
   * turn out to be a duplicate. What the install uses to load classes ahead of it.
   */
  public static FeatureCatalog read(
      List<FeatureLoader> loaders, List<FeatureFile> files, Consumer<CatalogEntry> each) {
    Reading reading = new Reading(each);
    for (FeatureLoader loader : loaders) {
      List<URL> indexes;
      try {
        indexes = IndexResources.own(loader.loader());
      } catch (IOException e) {
        reading.diagnostics.add(Diagnostics.error(DiagnosticCode.INDEX_CORRUPT, "",
            "the " + loader.source().prefix() + " class loader " + loader.loader()
                + " could not list its " + IndexLine.INDEX_PATH + " resources (" + e
                + "). Its features are not loaded; check the plugin jars it was given."));
        continue;
      }
      for (URL url : indexes) {
        reading.index(loader, url);
      }
    }
    for (FeatureFile file : files) {
      reading.file(file);
    }
    return new FeatureCatalog(loaders, reading.entries, reading.diagnostics, reading.brokenIds);
  }

  /** Reads the indexes of the given loaders. */
  public static FeatureCatalog read(FeatureLoader... loaders) {
    return read(List.of(loaders));
  }

  /** One read of indexes and files: what it found so far, each entry taken as its line is read. */
  private static final class Reading implements Consumer<IndexEntry> {
    final List<CatalogEntry> entries = new ArrayList<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final SortedSet<String> brokenIds = new TreeSet<>();
    private final VersionChecks versions = new VersionChecks();
    private final Consumer<CatalogEntry> each; // null: nobody asked
    /** The index or file being read. */
    private FeatureLoader loader;
    private String location;

    Reading(Consumer<CatalogEntry> each) {
      this.each = each;
    }

    void index(FeatureLoader loader, URL url) {
      String location = url.toExternalForm();
      byte[] bytes;
      try {
        bytes = IndexResources.read(url);
      } catch (IOException e) {
        diagnostics.add(Diagnostics.error(DiagnosticCode.INDEX_CORRUPT, "",
            "the index " + location + " could not be read (" + e + "). None of its features are"
                + " loaded; check that the jar or directory is readable and not truncated."));
        return;
      }
      this.loader = loader;
      this.location = location;
      IndexFile.read(location, bytes, versions, this);
    }

    void file(FeatureFile file) {
      String location = file.path().toUri().toString();
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file.path());
      } catch (IOException e) {
        diagnostics.add(Diagnostics.error(DiagnosticCode.INDEX_CORRUPT, "",
            "the feature file " + file.path() + " could not be read (" + e + "). None of its features"
                + " are loaded; check that the file is readable."));
        return;
      }
      this.loader = FeatureLoader.withoutCode(file.source());
      this.location = location;
      for (IndexEntry entry : IndexFile.readFeatureFile(location, bytes, versions)) {
        accept(entry);
      }
    }

    @Override
    public void accept(IndexEntry entry) {
      if (entry instanceof IndexEntry.Valid valid) {
        IndexLine line = valid.line();
        CatalogEntry read = new CatalogEntry(loader.source().qualify(line.slug()), loader, location,
            valid.lineNumber(), line);
        entries.add(read);
        if (each != null) {
          each.accept(read);
        }
      } else if (entry instanceof IndexEntry.Broken broken) {
        String featureId = broken.slug().isEmpty() ? "" : loader.source().qualify(broken.slug());
        if (!featureId.isEmpty()) {
          brokenIds.add(featureId);
        }
        diagnostics.add(Diagnostics.of(broken.problem(), Severity.ERROR, featureId));
      }
    }
  }

  /**
   * The id two lines conflict under, as the descriptor module's {@link Identities} keys feature
   * ids: qualified by the source their loader was given, so {@code user:cache} and
   * {@code project:cache} are two features and two lines of {@code project:cache} one twice.
   */
  private static String identity(CatalogEntry entry) {
    return Identities.key(Identities.Namespace.FEATURE_ID, Identities.Origin.source(entry.source().prefix()),
        entry.slug()).orElseThrow().shown();
  }

  private static int compare(CatalogEntry a, CatalogEntry b) {
    int byId = a.id().compareTo(b.id());
    if (byId != 0) {
      return byId;
    }
    int byLocation = a.location().compareTo(b.location());
    return byLocation != 0 ? byLocation : Integer.compare(a.lineNumber(), b.lineNumber());
  }

  private static <T> void add(Map<String, List<T>> lists, String key, T value) {
    List<T> list = lists.get(key);
    if (list == null) {
      list = new ArrayList<>();
      lists.put(key, list);
    }
    list.add(value);
  }

  private static Diagnostic duplicate(String id, List<CatalogEntry> parties) {
    List<String> lines = parties.stream()
        .map(p -> p.where() + "  " + p.line().descriptorClass() + "  " + Digests.abbreviate(p.digest()))
        .sorted()
        .toList();
    return Diagnostics.error(DiagnosticCode.DUPLICATE_FEATURE, id,
        "feature " + id + " is defined " + parties.size() + " times:" + Diagnostics.lines(lines)
            + "\n  A feature id must be unique per source, so none of them is installed."
            + " Remove all but one of the jars, or give one feature another @Feature(id).");
  }

  /** The loaders read, in the order given. */
  public List<FeatureLoader> loaders() {
    return loaders;
  }

  /** Every valid index line, sorted by id, then location and line. */
  public List<CatalogEntry> entries() {
    return entries;
  }

  /** The valid lines for {@code id}: more than one means a duplicate. */
  public List<CatalogEntry> entries(String id) {
    return byId.getOrDefault(id, List.of());
  }

  /** The entry for {@code id} when exactly one valid line defines it. */
  public Optional<CatalogEntry> entry(String id) {
    List<CatalogEntry> found = entries(id);
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  /** Every full id named by a valid line or by a broken line that got as far as its slug. */
  public SortedSet<String> ids() {
    return ids;
  }

  /** Every problem found: broken lines and duplicate ids, in the order found. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** The problems that name {@code featureId}. */
  public List<Diagnostic> diagnostics(String featureId) {
    return diagnosticsById.getOrDefault(featureId, List.of());
  }

  /**
   * The problems of an index or one of its lines (an unreadable index; a corrupt line, a line of
   * another format, a line whose digest does not match its descriptor), whether or not the line
   * got far enough to name its feature: every problem except duplicate ids, in the order found.
   * The install report lists these at report level (docs/design.md, "Run time: the registry").
   */
  public List<Diagnostic> indexDiagnostics() {
    return indexDiagnostics;
  }

  /** The problems that name no feature (an unreadable index, a line with no slug). */
  public List<Diagnostic> unattributedDiagnostics() {
    return diagnostics.stream().filter(d -> d.featureId().isEmpty()).toList();
  }

  /** Whether any problem is an error (what {@code yoi verify} exits non-zero on). */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }
}
