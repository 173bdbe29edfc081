package dev.yoi.cli.report;

import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.InstallReport;
import dev.yoi.pod.manifest.PodManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a manifest says that the install report cannot show, because it names nothing that is
 * there: an enabled or disabled id no index defines (a typo installs nothing, silently), and tool
 * rules with the feature that enforces them disabled.
 */
final class ManifestCheck {
  static final String PERMISSIONS = "builtin:manifest-permissions";

  private ManifestCheck() {}

  /** One message per problem, in manifest order; empty when the manifest and the report agree. */
  static List<String> problems(PodManifest manifest, InstallReport report) {
    Set<String> known = report.features().stream().map(FeatureReport::id)
        .collect(Collectors.toCollection(TreeSet::new));
    List<String> problems = new ArrayList<>();
    for (String id : manifest.enable()) {
      if (!known.contains(id)) {
        problems.add("the manifest enables " + id + ", but no index defines it, so nothing is"
            + " installed for it. Features there: " + String.join(", ", known) + ".");
      }
    }
    for (String id : manifest.disable()) {
      if (!known.contains(id)) {
        problems.add("the manifest disables " + id + ", but no index defines it; check the id."
            + " Features there: " + String.join(", ", known) + ".");
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
