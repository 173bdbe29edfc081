package dev.yoi.cli.index;

import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.feature.FeatureSource;

/**
 * A feature listed by an index, as read without loading any of its classes.
 *
 * @param source the source the command assigns (the host would assign it by class loader)
 * @param location the index it came from, e.g. {@code jar:file:/p/weather.jar!/META-INF/yoi/features.jsonl}
 * @param lineNumber its 1-based line in that index
 * @param line the parsed line
 */
public record FoundFeature(FeatureSource source, String location, int lineNumber, IndexLine line) {
  /** The full id, e.g. {@code project:weather}. */
  public String id() {
    return source.qualify(line.slug());
  }

  public FeatureDescriptor descriptor() {
    return line.descriptor();
  }
}
