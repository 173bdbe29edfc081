package dev.yoi.feature.catalog;

import dev.yoi.feature.FeatureSource;
import java.util.Objects;

/** A class loader the host hands the Pod, with the source its features get. */
public record FeatureLoader(ClassLoader loader, FeatureSource source) {
  public FeatureLoader {
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(source, "source");
  }

  /**
   * The loader of features that have no code (a {@link FeatureFile}'s): it loads nothing beyond
   * the platform's own classes and holds no index, so nothing a file names can be loaded from it.
   */
  public static FeatureLoader withoutCode(FeatureSource source) {
    return new FeatureLoader(new NoCode(), source);
  }

  private static final class NoCode extends ClassLoader {
    NoCode() {
      super("yoi-no-code", null);
    }
  }
}
