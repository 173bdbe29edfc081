package dev.yoi.feature.install;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.RequiredServiceReport;
import java.util.List;
import java.util.Map;

/**
 * The outcome of service resolution over the candidates.
 *
 * @param order the candidates to install, providers before consumers, ties by id
 * @param diagnostics per feature id, what resolution found, in order
 * @param services per candidate id, how each required service resolved, in declaration order
 * @param reportDiagnostics what spans features: one {@code yoi/service-cycle} per cycle, which
 *     is also in each member's {@code diagnostics} (the same diagnostic, to be published once)
 */
record ServicePlan(
    List<String> order,
    Map<String, List<Diagnostic>> diagnostics,
    Map<String, List<RequiredServiceReport>> services,
    List<Diagnostic> reportDiagnostics) {

  ServicePlan {
    order = List.copyOf(order);
    diagnostics = Map.copyOf(diagnostics);
    services = Map.copyOf(services);
    reportDiagnostics = List.copyOf(reportDiagnostics);
  }

  List<Diagnostic> diagnostics(String featureId) {
    return diagnostics.getOrDefault(featureId, List.of());
  }

  List<RequiredServiceReport> services(String featureId) {
    return services.getOrDefault(featureId, List.of());
  }
}
