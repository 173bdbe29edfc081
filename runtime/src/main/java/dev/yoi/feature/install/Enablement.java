package dev.yoi.feature.install;

import dev.yoi.feature.FeatureSource;
import java.util.Set;

/**
 * The manifest's feature switches: builtin features are on unless listed in {@code disabled};
 * user and project features only when listed in {@code enabled}. Ids are full ids.
 */
public record Enablement(Set<String> enabled, Set<String> disabled) {
  public Enablement {
    enabled = Set.copyOf(enabled);
    disabled = Set.copyOf(disabled);
  }

  public static Enablement defaults() {
    return new Enablement(Set.of(), Set.of());
  }

  public boolean isEnabled(String featureId, FeatureSource source) {
    if (disabled.contains(featureId)) {
      return false;
    }
    return source == FeatureSource.BUILTIN || enabled.contains(featureId);
  }
}
