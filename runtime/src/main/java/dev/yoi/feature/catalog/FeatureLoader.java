package dev.yoi.feature.catalog;

import dev.yoi.feature.FeatureSource;
import java.util.Objects;

/** A class loader the host hands the Pod, with the source its features get. */
public record FeatureLoader(ClassLoader loader, FeatureSource source) {
  public FeatureLoader {
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(source, "source");
  }
}
