package dev.yoi.cli.verify;

import static dev.yoi.descriptor.Identities.Namespace.SERVICE_ID;
import static dev.yoi.descriptor.Identities.Namespace.TOOL_NAME;

import dev.yoi.cli.index.FoundFeature;
import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Identities;
import dev.yoi.descriptor.Problem;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.Severity;
import dev.yoi.feature.report.Diagnostics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The conflicts the host would refuse at install time, found ahead of it: a tool name or a
 * service id contributed twice, with the one meaning of a conflict the descriptor module's
 * {@link Identities} gives the processor and the runtime too (a tool name conflicts whatever the
 * sources; {@code user:cache} and {@code project:cache} do not). (A feature id defined twice is
 * the catalog's own {@code yoi/duplicate-feature}.) Each conflict is one diagnostic listing every
 * party, sorted.
 */
public final class DuplicateCheck {
  private DuplicateCheck() {}

  public static List<Diagnostic> check(List<FoundFeature> features) {
    List<Diagnostic> problems = new ArrayList<>();
    // One copy per id, so a duplicated jar is reported once (by the catalog), not per tool.
    Map<String, FoundFeature> firstById = new TreeMap<>();
    features.forEach(feature -> firstById.putIfAbsent(feature.id(), feature));
    Comparator<Identities.Key> byName = Comparator.comparing(Identities.Key::shown);
    Map<Identities.Key, List<String>> tools = new TreeMap<>(byName);
    Map<Identities.Key, List<String>> services = new TreeMap<>(byName);
    firstById.values().forEach(feature -> {
      Identities.Origin origin = Identities.Origin.source(feature.source().prefix());
      for (ToolDescriptor tool : feature.descriptor().tools()) {
        Identities.key(TOOL_NAME, origin, tool.name()).ifPresent(key -> tools
            .computeIfAbsent(key, k -> new ArrayList<>()).add(feature.id() + "  " + tool.className()));
      }
      for (ProvidedService service : feature.descriptor().providedServices()) {
        Identities.key(SERVICE_ID, origin, service.id()).ifPresent(key -> services
            .computeIfAbsent(key, k -> new ArrayList<>()).add(feature.id() + "  " + service.className()));
      }
    });
    tools.forEach((key, parties) -> {
      if (parties.size() > 1) {
        problems.add(error(DiagnosticCode.DUPLICATE_CONTRIBUTION.problem("tool "
            + ControlCharacters.quote(key.shown()) + " is contributed " + times(parties.size()) + ":"
            + parties(parties)
            + "\n  Tool names are model-visible and must be unique across all installed features."
            + "\n  Rename one of them (ToolContribution.name).")));
      }
    });
    services.forEach((key, parties) -> {
      if (parties.size() > 1) {
        problems.add(error(DiagnosticCode.DUPLICATE_CONTRIBUTION.problem("service "
            + ControlCharacters.quote(key.shown()) + " is provided " + times(parties.size()) + ":"
            + parties(parties)
            + "\n  A qualified service id has one provider. Rename one of them (ProvidesService.id)."
            + " (The same id from another source is another service: user:" + key.name()
            + " beside project:" + key.name() + " is fine.)")));
      }
    });
    return problems;
  }

  private static String times(int n) {
    return n == 2 ? "twice" : n + " times";
  }

  private static String parties(List<String> parties) {
    StringBuilder out = new StringBuilder();
    parties.stream().sorted().forEach(p -> out.append("\n      ").append(p));
    return out.toString();
  }

  private static Diagnostic error(Problem problem) {
    return Diagnostics.of(problem, Severity.ERROR, "");
  }
}
