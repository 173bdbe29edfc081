package dev.yoi.feature.order;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.RequiredServiceReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of service resolution over the candidates.
 *
 * @param order the candidates to install, providers before consumers, ties by id
 * @param refused candidates that must not be installed, with a short reason each (for the
 *     messages of features that need them)
 * @param diagnostics per feature id, what resolution found, in order
 * @param services per candidate id, how each required service resolved, in declaration order
 * @param reportDiagnostics what spans features: one {@code yoi/service-cycle} per cycle, which
 *     is also in each member's {@code diagnostics} (the same diagnostic, to be published once)
 */
public record ServicePlan(
    List<String> order,
    Map<String, String> refused,
    Map<String, List<Diagnostic>> diagnostics,
    Map<String, List<RequiredServiceReport>> services,
    List<Diagnostic> reportDiagnostics) {

  public ServicePlan {
    order = List.copyOf(order);
    refused = Map.copyOf(refused);
    diagnostics = Map.copyOf(diagnostics);
    services = Map.copyOf(services);
    reportDiagnostics = List.copyOf(reportDiagnostics);
  }

  public List<Diagnostic> diagnostics(String featureId) {
    return diagnostics.getOrDefault(featureId, List.of());
  }

  public List<RequiredServiceReport> services(String featureId) {
    return services.getOrDefault(featureId, List.of());
  }

  public Optional<String> refusal(String featureId) {
    return Optional.ofNullable(refused.get(featureId));
  }

  public Set<String> refusedIds() {
    return refused.keySet();
  }
}
