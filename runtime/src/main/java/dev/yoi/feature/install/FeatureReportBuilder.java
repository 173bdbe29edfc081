package dev.yoi.feature.install;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.feature.ContributionReport;
import dev.yoi.feature.ContributionReport.Status;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.RequiredServiceReport;
import dev.yoi.feature.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Collects one feature's outcome while the registry works on it, publishing each diagnostic the
 * moment it is added, and builds the immutable {@link FeatureReport} at the end.
 */
final class FeatureReportBuilder {
  private final String id;
  private final FeatureSource source;
  private final Consumer<Diagnostic> publish;
  private FeatureDescriptor descriptor;
  private String digest = "";
  private final TreeSet<String> locations = new TreeSet<>();
  private boolean enabled;
  private boolean installed;
  private final TreeSet<AuthorityLabel> granted = new TreeSet<>();
  private final TreeSet<AuthorityLabel> denied = new TreeSet<>();
  private List<RequiredServiceReport> services = List.of();
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Map<String, ContributionReport> contributions = new HashMap<>();

  FeatureReportBuilder(String id, FeatureSource source, Consumer<Diagnostic> publish) {
    this.id = Objects.requireNonNull(id, "id");
    this.source = Objects.requireNonNull(source, "source");
    this.publish = Objects.requireNonNull(publish, "publish");
  }

  String id() {
    return id;
  }

  FeatureReportBuilder describedBy(FeatureDescriptor descriptor, String digest) {
    this.descriptor = descriptor;
    this.digest = digest;
    return this;
  }

  FeatureReportBuilder location(String location) {
    locations.add(location);
    return this;
  }

  FeatureReportBuilder enabled(boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  FeatureReportBuilder installed(boolean installed) {
    this.installed = installed;
    return this;
  }

  boolean isInstalled() {
    return installed;
  }

  FeatureReportBuilder grants(Set<AuthorityLabel> granted, Set<AuthorityLabel> denied) {
    this.granted.clear();
    this.granted.addAll(granted);
    this.denied.clear();
    this.denied.addAll(denied);
    return this;
  }

  FeatureReportBuilder services(List<RequiredServiceReport> services) {
    this.services = List.copyOf(services);
    return this;
  }

  /** Records (and publishes) a diagnostic about this feature. */
  FeatureReportBuilder add(Diagnostic diagnostic) {
    diagnostics.add(diagnostic);
    publish.accept(diagnostic);
    return this;
  }

  /**
   * Records a diagnostic about this feature that is already in the report-level list (and was
   * published there), such as a broken index line naming it: shown on the feature, counted once.
   */
  FeatureReportBuilder attach(Diagnostic diagnostic) {
    diagnostics.add(diagnostic);
    return this;
  }

  List<Diagnostic> diagnostics() {
    return List.copyOf(diagnostics);
  }

  /** Sets what became of one declared contribution of an installed feature. */
  FeatureReportBuilder contribution(Declared declared, Status status, String reason) {
    contributions.put(declared.key(),
        new ContributionReport(declared.kind(), declared.name(), declared.className(), status, reason));
    return this;
  }

  FeatureReport build() {
    return new FeatureReport(id, source,
        descriptor == null ? "" : descriptor.name(),
        descriptor == null ? "" : descriptor.version(),
        descriptor == null ? "" : descriptor.runtime().wireName(),
        digest, List.copyOf(locations), enabled, installed, strings(granted), strings(denied),
        contributionReports(), services, diagnostics);
  }

  private List<ContributionReport> contributionReports() {
    if (descriptor == null) {
      return List.of();
    }
    String notInstalled = installed ? "" : notInstalledReason();
    List<ContributionReport> out = new ArrayList<>();
    for (Declared declared : Declared.of(descriptor, source)) {
      ContributionReport set = contributions.get(declared.key());
      out.add(!installed
          ? new ContributionReport(declared.kind(), declared.name(), declared.className(), Status.NOT_INSTALLED, notInstalled)
          : set != null ? set
          : new ContributionReport(declared.kind(), declared.name(), declared.className(), Status.NOT_REGISTERED,
              "install never registered it"));
    }
    return out;
  }

  /** "the feature is not installed (yoi/approval-required)": the first error, else the first note. */
  private String notInstalledReason() {
    Diagnostic first = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).findFirst()
        .orElse(diagnostics.isEmpty() ? null : diagnostics.get(0));
    return first == null ? "the feature is not installed" : "the feature is not installed (" + first.code() + ")";
  }

  /** The report JSON's form of the labels: their strings, sorted. */
  private static List<String> strings(Set<AuthorityLabel> labels) {
    if (labels.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(labels.size());
    for (AuthorityLabel label : labels) {
      out.add(label.toString());
    }
    return out;
  }
}
