package dev.yoi.feature;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one {@code Pod.start()} did: a report per feature found, and the diagnostics that belong
 * to no single feature (a corrupt index line, a service cycle across features). A report-level
 * diagnostic about a feature (a broken index line that names it) is also in that feature's
 * {@link FeatureReport#diagnostics()}: the same diagnostic, which {@link #allDiagnostics()} counts
 * once.
 *
 * <p>Serialised by {@link #toJson()} in a stable schema, version {@link #SCHEMA}:
 *
 * <pre>{@code
 * {
 *   "schema": 1,
 *   "features": [ FeatureReport... ],      // sorted by id
 *   "installOrder": [ "builtin:a", ... ],  // ids in the order install was attempted
 *   "diagnostics": [ Diagnostic... ]       // report-level, in the order found
 * }
 * }</pre>
 *
 * A {@code FeatureReport} is {@code {id, source, name, version, runtime, digest, locations, enabled,
 * installed, granted, denied, contributions, services, diagnostics}} (see {@link FeatureReport});
 * a contribution is {@code {kind, name, className, status, reason}}; a required service is
 * {@code {id, range, type, optional, status, provider, providerVersion}}; a diagnostic is
 * {@code {code, severity, featureId, message}}. Fields are never absent and never null (unknown
 * text is {@code ""}); enum values are lower-case wire names except {@code severity}
 * ({@code ERROR}, {@code WARNING}, {@code INFO}). New fields may be added within a schema
 * version, so readers must ignore fields they do not know; removing or changing one bumps
 * {@link #SCHEMA}.
 *
 * @param features a report per feature id found, sorted by id
 * @param installOrder the ids whose install was attempted, in that order (topological by service
 *     requirements, ties by id)
 * @param diagnostics what belongs to no single feature
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schema", "features", "installOrder", "diagnostics"})
public record InstallReport(
    List<FeatureReport> features, List<String> installOrder, List<Diagnostic> diagnostics) {

  /** The version of the JSON schema {@link #toJson()} writes. */
  public static final int SCHEMA = 1;

  public InstallReport {
    features = List.copyOf(features);
    installOrder = List.copyOf(installOrder);
    diagnostics = List.copyOf(diagnostics);
  }

  public InstallReport(List<FeatureReport> features, List<Diagnostic> diagnostics) {
    this(features, List.of(), diagnostics);
  }

  /** Always {@link #SCHEMA}; written first in the JSON form. */
  @JsonProperty("schema")
  public int schema() {
    return SCHEMA;
  }

  /** The report for the feature {@code id}, e.g. {@code builtin:task-tools}. */
  public Optional<FeatureReport> feature(String id) {
    return features.stream().filter(f -> f.id().equals(id)).findFirst();
  }

  /**
   * Every diagnostic once: report-level first, then each feature's in id order, leaving out what a
   * feature shares with the report-level list.
   */
  public List<Diagnostic> allDiagnostics() {
    return Stream.concat(diagnostics.stream(), features.stream().flatMap(f -> f.diagnostics().stream()))
        .distinct()
        .toList();
  }

  /** Whether any diagnostic anywhere is an {@link Severity#ERROR}. */
  public boolean hasErrors() {
    return allDiagnostics().stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  /** The report as JSON text in the documented schema: two-space indented, '\n' line ends. */
  public String toJson() {
    return ReportJson.write(this);
  }

  /** Reads a report written by {@link #toJson()}. */
  public static InstallReport fromJson(String json) {
    return ReportJson.read(json);
  }
}
