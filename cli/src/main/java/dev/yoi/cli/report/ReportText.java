package dev.yoi.cli.report;

import dev.yoi.cli.text.TextTable;
import dev.yoi.feature.ContributionReport;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.RequiredServiceReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** An install report as a person reads it: a table of features, then every diagnostic. */
public final class ReportText {
  static final int WIDTH = 100;

  private ReportText() {}

  public static String render(InstallReport report) {
    StringBuilder out = new StringBuilder();
    List<List<String>> rows = new ArrayList<>();
    for (FeatureReport feature : report.features()) {
      rows.add(List.of(feature.id() + "\n" + feature.version(), status(feature), authorities(feature),
          contributions(feature)));
    }
    out.append(TextTable.render(List.of("FEATURE", "STATUS", "AUTHORITIES", "CONTRIBUTIONS"), rows, WIDTH,
        List.of(Set.of(3, 2), Set.of(0))));
    if (!report.installOrder().isEmpty()) {
      out.append('\n');
      for (String line : TextTable.wrap("Install order: " + String.join(", ", report.installOrder()), WIDTH)) {
        out.append(line).append('\n');
      }
    }
    List<Diagnostic> diagnostics = report.allDiagnostics();
    if (!diagnostics.isEmpty()) {
      out.append('\n').append("Diagnostics:\n");
      for (Diagnostic diagnostic : diagnostics) {
        out.append(indent(diagnostic.severity().name().toLowerCase(java.util.Locale.ROOT) + ": "
            + diagnostic.message())).append('\n');
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
    List<String> lines = new ArrayList<>(feature.granted());
    feature.denied().forEach(label -> lines.add("denied " + label));
    return lines.isEmpty() ? "-" : String.join("\n", lines);
  }

  private static String contributions(FeatureReport feature) {
    List<String> lines = new ArrayList<>();
    for (ContributionReport contribution : feature.contributions()) {
      String line = contribution.kind().wireName() + " " + contribution.name();
      if (contribution.status() != ContributionReport.Status.INSTALLED && feature.installed()) {
        line += " (" + contribution.status().wireName() + ")";
      }
      lines.add(line);
    }
    for (RequiredServiceReport service : feature.services()) {
      lines.add("uses " + service.id() + (service.provider().isEmpty() ? "" : " from " + service.provider()
          + " " + service.providerVersion()) + (service.status() == RequiredServiceReport.Status.RESOLVED
              ? "" : " (" + service.status().wireName() + ")"));
    }
    return lines.isEmpty() ? "-" : String.join("\n", lines);
  }

  private static String indent(String text) {
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      List<String> wrapped = TextTable.wrap(lines[i], WIDTH - (i == 0 ? 2 : 4));
      for (int j = 0; j < wrapped.size(); j++) {
        out.append(i == 0 && j == 0 ? "  " : "    ").append(wrapped.get(j));
        if (i < lines.length - 1 || j < wrapped.size() - 1) {
          out.append('\n');
        }
      }
    }
    return out.toString();
  }
}
