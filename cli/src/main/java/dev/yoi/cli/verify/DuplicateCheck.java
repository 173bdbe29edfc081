package dev.yoi.cli.verify;

import dev.yoi.cli.index.FoundFeature;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The conflicts the host would refuse at install time, found ahead of it: a tool name or a
 * qualified service id contributed by two features. (A feature id defined twice is the catalog's
 * own {@code yoi/duplicate-feature}.) Each conflict is one diagnostic listing every party, sorted.
 */
public final class DuplicateCheck {
  private DuplicateCheck() {}

  public static List<Diagnostic> check(List<FoundFeature> features) {
    List<Diagnostic> problems = new ArrayList<>();
    // One copy per id, so a duplicated jar is reported once (by the catalog), not per tool.
    Map<String, FoundFeature> firstById = new TreeMap<>();
    features.forEach(feature -> firstById.putIfAbsent(feature.id(), feature));
    Map<String, List<String>> tools = new TreeMap<>();
    Map<String, List<String>> services = new TreeMap<>();
    firstById.values().forEach(feature -> {
      for (ToolDescriptor tool : feature.descriptor().tools()) {
        tools.computeIfAbsent(tool.name(), n -> new ArrayList<>())
            .add(feature.id() + "  " + tool.className());
      }
      for (ProvidedService service : feature.descriptor().providedServices()) {
        services.computeIfAbsent(feature.source().qualify(service.id()), n -> new ArrayList<>())
            .add(feature.id() + "  " + service.className());
      }
    });
    tools.forEach((name, parties) -> {
      if (parties.size() > 1) {
        problems.add(error(DiagnosticCode.DUPLICATE_CONTRIBUTION, "", "tool \"" + name
            + "\" is contributed " + times(parties.size()) + ":" + parties(parties)
            + "\n  Tool names are model-visible and must be unique across all installed features."
            + "\n  Rename one of them (ToolContribution.name)."));
      }
    });
    services.forEach((id, parties) -> {
      if (parties.size() > 1) {
        problems.add(error(DiagnosticCode.DUPLICATE_CONTRIBUTION, "", "service \"" + id
            + "\" is provided " + times(parties.size()) + ":" + parties(parties)
            + "\n  A qualified service id has one provider. Rename one of them (ProvidesService.id)."));
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

  private static Diagnostic error(DiagnosticCode code, String featureId, String message) {
    return new Diagnostic(code.code(), Severity.ERROR, featureId, code.format(message));
  }
}
