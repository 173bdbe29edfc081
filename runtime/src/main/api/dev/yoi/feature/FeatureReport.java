package dev.yoi.feature;

import java.util.List;

/**
 * One feature's outcome. (Fields beyond these are added by the registry issue.)
 *
 * @param id full id, e.g. {@code builtin:task-tools}
 * @param installed whether its contributions reached the Pod
 * @param diagnostics everything reported about it
 */
public record FeatureReport(String id, boolean installed, List<Diagnostic> diagnostics) {
  public FeatureReport {
    diagnostics = List.copyOf(diagnostics);
  }
}
