package dev.yoi.cli.report;

import dev.yoi.cli.text.DiagnosticText;
import dev.yoi.cli.text.TerminalText;
import dev.yoi.cli.text.TextTable;
import dev.yoi.feature.ContributionReport;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.RequiredServiceReport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An install report as a person reads it: a table of features, then every diagnostic. Every
 * string in it may come from a plugin's index or code, so each is rendered as data
 * ({@link TerminalText}): cells one line per value, diagnostics with their lines under the message.
 */
public final class ReportText {
  private ReportText() {}

  public static String render(InstallReport report) {
    StringBuilder out = new StringBuilder();
    List<List<String>> rows = new ArrayList<>();
    for (FeatureReport feature : report.features()) {
      rows.add(List.of(TerminalText.inline(feature.id()) + "\n" + TerminalText.inline(feature.version()), status(feature),
          authorities(feature) + "\n" + contributions(feature)));
    }
    out.append(TextTable.render(List.of("FEATURE", "STATUS", "AUTHORITIES AND CONTRIBUTIONS"), rows, TextTable.WIDTH,
        List.of(Set.of(2), Set.of(0))));
    if (!report.installOrder().isEmpty()) {
      out.append('\n');
      out.append(TextTable.hanging("", "", "Install order: "
          + TerminalText.inline(String.join(", ", report.installOrder()))));
    }
    List<Diagnostic> diagnostics = report.allDiagnostics();
    if (!diagnostics.isEmpty()) {
      out.append('\n').append("Diagnostics:\n");
      for (Diagnostic diagnostic : diagnostics) {
        out.append(DiagnosticText.item(diagnostic));
      }
    }
    return out.toString();
  }

  private static String status(FeatureReport feature) {
    if (feature.installed()) {
      return "installed";
    }
    return feature.enabled() ? "NOT INSTALLED" : "not enabled";
  }

  private static String authorities(FeatureReport feature) {
    List<String> lines = new ArrayList<>();
    feature.granted().forEach(label -> lines.add("granted " + TerminalText.inline(label)));
    feature.denied().forEach(label -> lines.add("denied " + TerminalText.inline(label)));
    if (!lines.isEmpty()) {
      return String.join("\n", lines);
    }
    // Grants are decided only for a feature that gets that far; say nothing about what it requests.
    return feature.installed() ? "no authority requested" : "nothing granted";
  }

  /** Installed contributions grouped by kind; any other outcome on its own line with its reason. */
  private static String contributions(FeatureReport feature) {
    List<String> lines = new ArrayList<>();
    Map<ContributionReport.Kind, List<String>> installed = new EnumMap<>(ContributionReport.Kind.class);
    for (ContributionReport contribution : feature.contributions()) {
      if (contribution.status() == ContributionReport.Status.INSTALLED || !feature.installed()) {
        installed.computeIfAbsent(contribution.kind(), k -> new ArrayList<>())
            .add(TerminalText.inline(contribution.name()));
      } else {
        lines.add(contribution.kind().wireName() + " " + TerminalText.inline(contribution.name()) + " "
            + contribution.status().wireName()
            + (contribution.reason().isEmpty() ? "" : ": " + TerminalText.inline(contribution.reason())));
      }
    }
    List<String> grouped = new ArrayList<>();
    installed.forEach((kind, names) -> grouped.add(kind.wireName() + (names.size() == 1 ? " " : "s ")
        + String.join(", ", names)));
    grouped.addAll(lines);
    for (RequiredServiceReport service : feature.services()) {
      grouped.add("uses " + TerminalText.inline(service.id()) + (service.provider().isEmpty() ? ""
          : " from " + TerminalText.inline(service.provider() + " " + service.providerVersion()))
          + (service.status() == RequiredServiceReport.Status.RESOLVED
              ? "" : " (" + service.status().wireName() + ")"));
    }
    return grouped.isEmpty() ? "no contributions" : String.join("\n", grouped);
  }
}
