package dev.yoi.feature.catalog;

import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.feature.FeatureSource;
import java.util.Objects;

/**
 * One valid index line: a feature as the catalog sees it, without any of its classes loaded.
 *
 * @param id the full id, {@code source:slug}
 * @param loader the class loader (and source) whose index holds the line
 * @param location the index's URL, e.g. {@code jar:file:/p/weather.jar!/META-INF/yoi/features.jsonl}
 * @param lineNumber 1-based line in that index
 * @param line the parsed line; its digest already matches its descriptor
 */
public record CatalogEntry(
    String id, FeatureLoader loader, String location, int lineNumber, IndexLine line) {
  public CatalogEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(line, "line");
  }

  public FeatureSource source() {
    return loader.source();
  }

  public String slug() {
    return line.slug();
  }

  public String digest() {
    return line.digest();
  }

  public FeatureDescriptor descriptor() {
    return line.descriptor();
  }

  /** {@code location:lineNumber}, as reports show it. */
  public String where() {
    return location + ":" + lineNumber;
  }
}
