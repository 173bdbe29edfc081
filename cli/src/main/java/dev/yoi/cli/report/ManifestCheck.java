package dev.yoi.cli.report;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.InstallReport;
import dev.yoi.pod.PodManifest;
import java.util.ArrayList;
import java.util.List;

/**
 * What a manifest says that the install report cannot show, because it names nothing that is
 * there: an enabled or disabled id no index defines (a typo installs nothing, silently), and tool
 * rules with the feature that enforces them disabled.
 */
final class ManifestCheck {
  static final String PERMISSIONS = "builtin:manifest-permissions";

  private ManifestCheck() {}

  /** One message per problem; empty when the manifest and the report agree. */
  static List<String> problems(PodManifest manifest, InstallReport report) {
    // Ids that no index defines are found by the install itself (a report-level manifest-invalid
    // warning); here they become problems, so a typo fails the command.
    List<String> problems = new ArrayList<>();
    for (Diagnostic diagnostic : report.diagnostics()) {
      if (diagnostic.code().equals(DiagnosticCode.MANIFEST_INVALID.code())) {
        problems.add(diagnostic.message());
      }
    }
    boolean rules = !manifest.allowTools().isEmpty() || !manifest.denyTools().isEmpty();
    if (rules && manifest.disable().contains(PERMISSIONS)) {
      problems.add("the manifest has tools.allow/tools.deny rules but disables " + PERMISSIONS
          + ", the feature that enforces them, so every tool may be called. Remove it from"
          + " features.disable, or drop the rules.");
    }
    return problems;
  }
}
