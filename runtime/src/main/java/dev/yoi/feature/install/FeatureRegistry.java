package dev.yoi.feature.install;

import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.RequiredService;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.RequiredServiceReport;
import dev.yoi.feature.Severity;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureFile;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.catalog.PluginCode;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.grant.GrantDecision;
import dev.yoi.feature.grant.GrantRequest;
import dev.yoi.feature.report.Diagnostics;
import dev.yoi.feature.runtime.RuntimeInstaller;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Catalogs, enables, grants, orders and installs features into a Pod (docs/design.md, "Run time:
 * the registry"):
 *
 * <ol>
 *   <li>{@link FeatureCatalog}: every {@code META-INF/yoi/features.jsonl} of each loader, scoped
 *       to it, without loading a class;
 *   <li>{@link Enablement}: builtins unless disabled, plugins only when enabled;
 *   <li>{@link AuthorityPolicy}: grants, by default from the approval lock keyed by id and digest;
 *   <li>service resolution: every cycle, missing provider and version mismatch, then a topological
 *       order, ties by id;
 *   <li>install, per feature, transactional, through the {@link RuntimeInstaller} of its runtime
 *       kind: each registration checked against the compiled declarations, staged, committed to
 *       the {@link HostSurfaces} only when the installer returns normally and nothing was rejected.
 * </ol>
 *
 * Never throws for a feature's fault: everything is in the returned {@link InstallReport}, and each
 * diagnostic is also {@linkplain HostSurfaces#publish published} as soon as it is known. An instance
 * is one such run.
 */
public final class FeatureRegistry {
  private final FeatureCatalog catalog;
  private final Enablement enablement;
  private final AuthorityPolicy policy;
  private final HostSurfaces host;
  private final Runtimes runtimes;
  private final ServiceRegistry services = new ServiceRegistry();
  private final ToolNames toolNames = new ToolNames();

  private final Map<String, FeatureReportBuilder> reports = new TreeMap<>();
  private final List<Diagnostic> reportDiagnostics = new ArrayList<>();
  private final Map<String, GrantSet> grants = new HashMap<>();
  private final Map<String, Map<String, String>> skippedTools = new HashMap<>();
  /** The code behind each index location ({@link PluginCode#root}), worked out once per index. */
  private final Map<String, Optional<Path>> codeRoots = new HashMap<>();

  private FeatureRegistry(
      FeatureCatalog catalog, Enablement enablement, AuthorityPolicy policy, HostSurfaces host, Runtimes runtimes) {
    this.catalog = catalog;
    this.enablement = enablement;
    this.policy = policy.forInstall(); // e.g. the approval lock, read once for the whole run
    this.host = host;
    this.runtimes = runtimes;
  }

  /**
   * Installs every enabled feature found through {@code loaders} into {@code host}, the
   * {@code builtin} and {@code jvm_plugin} ones and those of the kinds {@code installers} run;
   * never throws for a feature's fault.
   *
   * @throws IllegalArgumentException if two installers claim one runtime kind
   */
  public static InstallReport install(
      List<FeatureLoader> loaders, Enablement enablement, AuthorityPolicy policy, HostSurfaces host,
      List<RuntimeInstaller> installers) {
    return install(loaders, List.of(), enablement, policy, host, installers);
  }

  /**
   * {@link #install(List, Enablement, AuthorityPolicy, HostSurfaces, List)}, with the feature files
   * (features with no code, such as {@code mcp_bridge} ones) read beside the loaders' indexes.
   */
  public static InstallReport install(
      List<FeatureLoader> loaders, List<FeatureFile> files, Enablement enablement, AuthorityPolicy policy,
      HostSurfaces host, List<RuntimeInstaller> installers) {
    return install(loaders, files, enablement, policy, host, installers, false);
  }

  /**
   * {@link #install(List, List, Enablement, AuthorityPolicy, HostSurfaces, List)}; with
   * {@code checkDescriptorClasses}, each JVM feature is constructed through its generated
   * descriptor class, whose digests must agree with its index line ({@code yoi/digest-mismatch}),
   * instead of through its own public no-argument constructor.
   */
  public static InstallReport install(
      List<FeatureLoader> loaders, List<FeatureFile> files, Enablement enablement, AuthorityPolicy policy,
      HostSurfaces host, List<RuntimeInstaller> installers, boolean checkDescriptorClasses) {
    return install(loaders, files, enablement, policy, host, installers, checkDescriptorClasses,
        new ClassPreloader(enablement));
  }

  /** The install, with the preloader that the catalog's lines are handed to as they are read. */
  static InstallReport install(
      List<FeatureLoader> loaders, List<FeatureFile> files, Enablement enablement, AuthorityPolicy policy,
      HostSurfaces host, List<RuntimeInstaller> installers, boolean checkDescriptorClasses,
      ClassPreloader preloader) {
    Runtimes runtimes = new Runtimes(installers, checkDescriptorClasses);
    // Classes are loaded ahead from the moment their line is read, not once the order is known.
    try {
      FeatureCatalog catalog = FeatureCatalog.read(loaders, files, preloader);
      preloader.readDone();
      return new FeatureRegistry(catalog, enablement, policy, host, runtimes).run();
    } finally {
      preloader.stop();
    }
  }

  /** {@link #install(List, Enablement, AuthorityPolicy, HostSurfaces, List)} of the JVM kinds only. */
  public static InstallReport install(
      List<FeatureLoader> loaders, Enablement enablement, AuthorityPolicy policy, HostSurfaces host) {
    return install(loaders, enablement, policy, host, List.of());
  }

  private InstallReport run() {
    // A broken line is report-level even when it names its feature (docs/design.md, "Run time:
    // the registry"); screen() shows it on that feature too, without publishing it again.
    for (Diagnostic diagnostic : catalog.indexDiagnostics()) {
      addReportDiagnostic(diagnostic);
    }
    reportUnknownManifestIds();
    List<ServiceNode> nodes = new ArrayList<>();
    for (String id : catalog.ids()) {
      ServiceNode node = screen(id);
      if (node != null) {
        nodes.add(node);
      }
    }
    ServicePlan plan = ServiceResolver.resolve(nodes);
    for (Diagnostic diagnostic : plan.reportDiagnostics()) {
      addReportDiagnostic(diagnostic);
    }
    for (ServiceNode node : nodes) {
      if (!node.candidate()) {
        continue;
      }
      FeatureReportBuilder report = reports.get(node.featureId());
      for (Diagnostic diagnostic : plan.diagnostics(node.featureId())) {
        if (plan.reportDiagnostics().contains(diagnostic)) {
          report.attach(diagnostic); // a cycle: already published at report level
        } else {
          report.add(diagnostic);
        }
      }
      report.services(plan.services(node.featureId()));
    }
    List<String> order = plan.order();
    for (String id : order) {
      install(id, plan);
    }
    List<FeatureReport> features = new ArrayList<>(reports.size());
    for (FeatureReportBuilder report : reports.values()) {
      features.add(report.build());
    }
    return new InstallReport(features, order, reportDiagnostics);
  }

  /**
   * A manifest that enables or disables an id no index defines (a typo such as
   * {@code project:wether}) would otherwise install nothing without a word.
   */
  private void reportUnknownManifestIds() {
    reportUnknownIds("features.enable", enablement.enabled());
    reportUnknownIds("features.disable", enablement.disabled());
  }

  private void reportUnknownIds(String field, Set<String> ids) {
    SortedSet<String> known = catalog.ids();
    for (String id : new TreeSet<>(ids)) {
      if (!known.contains(id)) {
        addReportDiagnostic(Diagnostics.warning(DiagnosticCode.MANIFEST_INVALID, "", "the Pod manifest's "
            + field + " names " + id + ", but no index given to the Pod defines that feature; the"
            + " features found are " + (known.isEmpty() ? "none" : String.join(", ", known))
            + ". Correct the id, or give the Pod the class loader of the plugin that defines it."));
      }
    }
  }

  /**
   * Catalog problems, enablement, runtime kind and grants: everything decided per feature before
   * services. Returns the feature's service node (a candidate, or blocked with the reason), or
   * null when there is no single descriptor to speak of.
   */
  private ServiceNode screen(String id) {
    List<CatalogEntry> entries = catalog.entries(id);
    FeatureSource source = FeatureSource.ofQualifiedId(id);
    FeatureReportBuilder report = new FeatureReportBuilder(id, source, host::publish);
    reports.put(id, report);
    for (CatalogEntry e : entries) {
      report.location(e.where());
    }
    if (!entries.isEmpty()) {
      report.describedBy(entries.get(0).descriptor(), entries.get(0).digest());
    }
    for (Diagnostic diagnostic : catalog.diagnostics(id)) {
      if (catalog.indexDiagnostics().contains(diagnostic)) {
        report.attach(diagnostic);
      } else {
        report.add(diagnostic);
      }
    }
    report.services(unresolved(entries.isEmpty() ? null : entries.get(0).descriptor()));
    if (entries.size() != 1) {
      // No valid line (only broken ones), or a duplicate id: already explained by the catalog. The
      // manifest's switch still holds: a feature it enables is reported enabled, and not installed.
      report.enabled(enablement.isEnabled(id, source));
      return entries.isEmpty() ? null
          : blockedNode(entries.get(0), "it is defined more than once (yoi/duplicate-feature)");
    }
    CatalogEntry entry = entries.get(0);
    FeatureDescriptor descriptor = entry.descriptor();
    boolean enabled = enablement.isEnabled(id, source);
    report.enabled(enabled);
    if (!enabled) {
      report.add(Diagnostics.info(DiagnosticCode.NOT_ENABLED, id, notEnabledMessage(id, source)));
      return blockedNode(entry, source == FeatureSource.BUILTIN
          ? "it is disabled in the manifest (yoi/not-enabled)"
          : "it is not enabled in the manifest (yoi/not-enabled)");
    }
    if (runtimes.installer(descriptor.runtime()).isEmpty()) {
      report.add(Diagnostics.error(DiagnosticCode.RUNTIME_UNSUPPORTED, id, "feature " + id + " has runtime "
          + descriptor.runtime().wireName() + ", which this host cannot run yet (it runs "
          + runtimes.kindsRun() + " features). It is listed but not installed; disable it in the"
          + " manifest, or use a JVM build of the feature."));
      return blockedNode(entry, "its runtime " + descriptor.runtime().wireName()
          + " is not supported (yoi/runtime-unsupported)");
    }
    GrantDecision decision;
    try {
      Optional<Path> code = codeRoots.get(entry.location());
      if (code == null) {
        code = PluginCode.root(entry.location());
        codeRoots.put(entry.location(), code);
      }
      decision = policy.decide(new GrantRequest(entry.id(), entry.source(), entry.digest(), descriptor, code));
    } catch (RuntimeException e) {
      report.add(Diagnostics.error(DiagnosticCode.INSTALL_FAILED, id, "feature " + id + " could not be"
          + " granted anything: the authority policy threw " + FeatureTransaction.describe(e)
          + ". It is not installed; fix the host's AuthorityPolicy."));
      return blockedNode(entry, "the authority policy failed on it (yoi/install-failed)");
    }
    for (Diagnostic diagnostic : decision.diagnostics()) {
      report.add(diagnostic);
    }
    GrantSet granted = decision.approved()
        ? GrantSet.of(descriptor.authorities(), decision.granted())
        : GrantSet.none(descriptor.authorities());
    grants.put(id, granted);
    report.grants(granted.grantedLabels(), granted.deniedLabels());
    if (!decision.approved()) {
      String code = decision.diagnostics().isEmpty() ? DiagnosticCode.APPROVAL_REQUIRED.code()
          : decision.diagnostics().get(0).code();
      return blockedNode(entry, "it is not approved (" + code + ")");
    }
    List<AuthorityRequest> deniedRequired = new ArrayList<>();
    List<AuthorityRequest> deniedOptional = new ArrayList<>();
    for (AuthorityRequest request : descriptor.authorities()) {
      if (granted.deniedLabels().contains(request.label())) {
        (request.optional() ? deniedOptional : deniedRequired).add(request);
      }
    }
    if (!deniedRequired.isEmpty()) {
      report.add(Diagnostics.error(DiagnosticCode.AUTHORITY_DENIED, id, "feature " + id + " needs the "
          + requestList(deniedRequired) + ", but the policy denied "
          + (deniedRequired.size() == 1 ? "it" : "them") + ", so it is not installed."
          + " Grant " + (deniedRequired.size() == 1 ? "it" : "them") + " (for a user or project feature:"
          + " yoi approve " + id + "), or make the request optional"
          + " (@RequiresAuthority(optional = true)) if the feature can work without it."));
      return blockedNode(entry, "a required authority was denied (yoi/authority-denied)");
    }
    if (!deniedOptional.isEmpty()) {
      skippedTools.put(id, skippedBy(descriptor, granted, deniedOptional, report));
    }
    return new ServiceNode(id, source, descriptor, granted, Optional.empty());
  }

  /**
   * The tools left without any grant of a kind their {@code requires} names, with why. A tool
   * names kinds, not scopes, so while the feature holds some grant of a kind (a required
   * {@code FILESYSTEM:/a} beside a denied optional {@code FILESYSTEM:/b}) its tools keep their place,
   * and the scope is checked where the tool uses it.
   */
  private static Map<String, String> skippedBy(
      FeatureDescriptor descriptor, GrantSet granted, List<AuthorityRequest> deniedOptional,
      FeatureReportBuilder report) {
    Map<String, String> skipped = new LinkedHashMap<>();
    for (ToolDescriptor tool : descriptor.tools()) {
      for (AuthorityRequest denied : deniedOptional) {
        if (tool.requires().contains(denied.kind()) && !granted.hasAny(denied.kind())) {
          skipped.put(tool.name(), "needs " + denied.kind() + ", and the optional request "
              + denied.label() + " was denied");
          break;
        }
      }
    }
    String id = report.id();
    List<String> names = skipped.keySet().stream().map(n -> "\"" + n + "\"").toList();
    report.add(Diagnostics.warning(DiagnosticCode.AUTHORITY_DENIED, id, "feature " + id + " was denied the"
        + " optional " + requestList(deniedOptional) + ". It installs without "
        + (names.isEmpty() ? "it (no tool requires it)" : "the tools that need it: " + String.join(", ", names))
        + (names.isEmpty() ? ". To grant it" : ". To get them back, grant it")
        + " (for a user or project feature: yoi approve " + id + ")."));
    return skipped;
  }

  private void install(String id, ServicePlan plan) {
    FeatureReportBuilder report = reports.get(id);
    CatalogEntry entry = catalog.entry(id).orElseThrow();
    GrantSet granted = grants.get(id);
    // A provider that was planned may still have failed its own install: check what is bound now.
    // Whether the consumer may use it (version, SERVICE_ACCESS) the plan decided once, above.
    List<RequiredServiceReport> resolved = new ArrayList<>(plan.services(id));
    boolean missing = false;
    List<RequiredService> requirements = entry.descriptor().requiredServices();
    for (int i = 0; i < requirements.size(); i++) {
      RequiredService required = requirements.get(i);
      RequiredServiceReport planned = resolved.get(i);
      if (planned.status() != RequiredServiceReport.Status.RESOLVED || services.binding(required.id()).isPresent()) {
        continue;
      }
      String provider = planned.provider();
      String why = reports.containsKey(provider) && reports.get(provider).isInstalled()
          ? "installed but never provided it (yoi/declared-not-registered)"
          : "failed to install (" + firstErrorCode(provider) + ")";
      resolved.set(i, new RequiredServiceReport(planned.id(), planned.range(), planned.type(), planned.optional(),
          RequiredServiceReport.Status.MISSING, planned.provider(), planned.providerVersion()));
      if (required.optional()) {
        report.add(Diagnostics.warning(DiagnosticCode.OPTIONAL_SERVICE_MISSING, id, "feature " + id
            + " optionally uses service " + required.id() + ", but its provider " + provider + " " + why
            + ". It installs without it (services().optional(..) returns empty)."));
      } else {
        missing = true;
        report.add(Diagnostics.error(DiagnosticCode.MISSING_SERVICE, id, "feature " + id + " requires service "
            + required.id() + " (range " + required.version() + "), but its provider " + provider + " " + why
            + ", so " + id + " is not installed either. Fix " + provider + " first (see its diagnostics)."));
      }
    }
    report.services(resolved);
    if (missing) {
      return;
    }
    FeatureTransaction transaction = new FeatureTransaction(entry,
        runtimes.installer(entry.descriptor().runtime()).orElseThrow(), granted,
        skippedTools.getOrDefault(id, Map.of()), resolved, host, services, toolNames, report);
    report.installed(transaction.run());
  }

  private String firstErrorCode(String featureId) {
    FeatureReportBuilder report = reports.get(featureId);
    if (report == null) {
      return "not found";
    }
    return report.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR)
        .map(Diagnostic::code).reduce((a, b) -> b).orElse("see its diagnostics");
  }

  private ServiceNode blockedNode(CatalogEntry entry, String why) {
    return new ServiceNode(entry.id(), entry.source(), entry.descriptor(),
        GrantSet.none(entry.descriptor().authorities()), Optional.of(why));
  }

  private void addReportDiagnostic(Diagnostic diagnostic) {
    reportDiagnostics.add(diagnostic);
    host.publish(diagnostic);
  }

  private static List<RequiredServiceReport> unresolved(FeatureDescriptor descriptor) {
    if (descriptor == null || descriptor.requiredServices().isEmpty()) {
      return List.of();
    }
    List<RequiredServiceReport> out = new ArrayList<>();
    for (RequiredService r : descriptor.requiredServices()) {
      out.add(new RequiredServiceReport(r.id(), r.version(), r.type(), r.optional(),
          RequiredServiceReport.Status.UNRESOLVED, "", ""));
    }
    return out;
  }

  private static String notEnabledMessage(String id, FeatureSource source) {
    if (source == FeatureSource.BUILTIN) {
      return "feature " + id + " is disabled in the Pod manifest, so it is not installed. Remove it"
          + " from the manifest's disabled features to install it.";
    }
    return "feature " + id + " is a " + source.prefix() + " feature and the Pod manifest does not enable"
        + " it, so it is not installed (plugins are never enabled automatically). To install it, add \""
        + id + "\" to the manifest's enabled features and approve it: yoi approve " + id + ".";
  }

  private static String requestList(List<AuthorityRequest> requests) {
    List<String> parts = new ArrayList<>();
    for (AuthorityRequest request : requests) {
      parts.add(request.label() + " (\"" + request.reason() + "\")");
    }
    return (requests.size() == 1 ? "authority " : "authorities ") + String.join(", ", parts);
  }

}
