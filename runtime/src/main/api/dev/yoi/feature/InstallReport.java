package dev.yoi.feature;

import java.util.List;

/**
 * What one {@code Pod.start()} did: a report per feature found, and the diagnostics that belong
 * to no single feature (a corrupt index line, a service cycle across features).
 */
public record InstallReport(List<FeatureReport> features, List<Diagnostic> diagnostics) {
  public InstallReport {
    features = List.copyOf(features);
    diagnostics = List.copyOf(diagnostics);
  }
}
