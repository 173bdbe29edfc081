package dev.yoi.feature;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One feature's outcome in an {@link InstallReport}. The JSON form (see
 * {@link InstallReport#toJson()}) has exactly these fields, in this order.
 *
 * @param id full id, e.g. {@code builtin:task-tools}
 * @param source where the host loaded it from (JSON: {@code builtin}, {@code user}, {@code project})
 * @param name human-readable name; empty if no index line for it could be read
 * @param version SemVer version; empty if unknown
 * @param runtime runtime kind, e.g. {@code jvm_plugin}; empty if unknown
 * @param digest {@code sha256:..} of its descriptor; empty if unknown
 * @param locations every index line that names it, as {@code <index url>:<line>}, sorted
 * @param enabled whether the manifest enables it
 * @param installed whether its contributions reached the Pod
 * @param granted authority labels ({@code KIND} or {@code KIND:scope}) granted, sorted
 * @param denied authority labels requested but denied, sorted
 * @param contributions every declared tool, hook, task and provided service, and what became of it
 * @param services how each required service was resolved, in declaration order
 * @param diagnostics everything reported about it, in the order it was found
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
  "id", "source", "name", "version", "runtime", "digest", "locations", "enabled", "installed",
  "granted", "denied", "contributions", "services", "diagnostics"
})
public record FeatureReport(
    String id,
    FeatureSource source,
    String name,
    String version,
    String runtime,
    String digest,
    List<String> locations,
    boolean enabled,
    boolean installed,
    List<String> granted,
    List<String> denied,
    List<ContributionReport> contributions,
    List<RequiredServiceReport> services,
    List<Diagnostic> diagnostics) {

  public FeatureReport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    name = name == null ? "" : name;
    version = version == null ? "" : version;
    runtime = runtime == null ? "" : runtime;
    digest = digest == null ? "" : digest;
    locations = List.copyOf(locations);
    granted = List.copyOf(granted);
    denied = List.copyOf(denied);
    contributions = List.copyOf(contributions);
    services = List.copyOf(services);
    diagnostics = List.copyOf(diagnostics);
  }

  /** A bare report: only the pinned fields; {@code id} must be qualified ({@code source:slug}). */
  public FeatureReport(String id, boolean installed, List<Diagnostic> diagnostics) {
    this(id, FeatureSource.ofQualifiedId(id), "", "", "", "", List.of(), installed, installed,
        List.of(), List.of(), List.of(), List.of(), diagnostics);
  }

  /** Whether any diagnostic about this feature has {@code code}, e.g. {@code yoi/authority-denied}. */
  public boolean hasDiagnostic(String code) {
    return diagnostics.stream().anyMatch(d -> d.code().equals(code));
  }

  /** The diagnostics with {@code code}, in order. */
  public List<Diagnostic> diagnostics(String code) {
    return diagnostics.stream().filter(d -> d.code().equals(code)).toList();
  }

  /** The contribution of {@code kind} named {@code name}, if declared. */
  public Optional<ContributionReport> contribution(ContributionReport.Kind kind, String name) {
    return contributions.stream().filter(c -> c.kind() == kind && c.name().equals(name)).findFirst();
  }
}
