package dev.yoi.feature.catalog;

import dev.yoi.descriptor.IndexLine;
import dev.yoi.feature.FeatureSource;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A feature file the host reads beside its plugin jars ({@code plugins/project/<slug>}{@value
 * IndexLine#FEATURE_FILE_SUFFIX}), with the source the host gives it by the directory it found it
 * in, exactly as it gives a jar's features theirs: the file cannot claim {@code builtin}. Such a
 * file holds features with no code (an {@code mcp_bridge} feature and its server).
 */
public record FeatureFile(Path path, FeatureSource source) {
  public FeatureFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(source, "source");
  }
}
