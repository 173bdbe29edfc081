package dev.yoi.feature.install;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.ContributionReport.Kind;
import dev.yoi.feature.ContributionReport.Status;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.RequiredServiceReport;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.fault.Fault;
import dev.yoi.feature.report.Diagnostics;
import dev.yoi.feature.runtime.FeatureRefusedException;
import dev.yoi.feature.runtime.RuntimeInstaller;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One feature's install, all or nothing, the same for every runtime kind: the kind's
 * {@link RuntimeInstaller} registers the feature's contributions into a {@link StagingContext},
 * which checks each against the compiled declarations and the grants, and what it staged is
 * committed to the host only if the installer returned normally and no registration was rejected.
 * Otherwise nothing reaches any surface, no service is bound, held-back notifications are dropped
 * and what the installer asked to be closed with the feature is closed.
 */
final class FeatureTransaction {
  private final CatalogEntry entry;
  private final RuntimeInstaller installer;
  private final GrantSet grants;
  private final Map<String, String> skippedTools;
  private final List<RequiredServiceReport> resolved;
  private final HostSurfaces host;
  private final ServiceRegistry services;
  private final ToolNames toolNames;
  private final FeatureReportBuilder report;

  /**
   * @param skippedTools tool name to why it is skipped (an optional authority was denied)
   * @param resolved how each required service resolved, provider failures included
   */
  FeatureTransaction(
      CatalogEntry entry, RuntimeInstaller installer, GrantSet grants, Map<String, String> skippedTools,
      List<RequiredServiceReport> resolved, HostSurfaces host, ServiceRegistry services, ToolNames toolNames,
      FeatureReportBuilder report) {
    this.entry = entry;
    this.installer = installer;
    this.grants = grants;
    this.skippedTools = skippedTools;
    this.resolved = resolved;
    this.host = host;
    this.services = services;
    this.toolNames = toolNames;
    this.report = report;
  }

  /** Runs the install; returns whether the feature's contributions were committed. */
  boolean run() {
    String id = entry.id();
    StagingContext context = new StagingContext(entry, grants, host, services, toolNames, skippedTools,
        resolved, report);
    Throwable thrown = null;
    FeatureRefusedException refused = null;
    try {
      installer.install(context.asRuntimeFeature());
    } catch (FeatureRefusedException e) {
      refused = e;
    } catch (FeatureThrew e) {
      thrown = e.thrown(); // the feature's own code threw it: never a refusal, whatever its type
      rethrowIfFatal(thrown);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      thrown = t;
    } finally {
      context.close();
    }

    List<Diagnostic> rejections = context.rejections();
    if (refused != null) {
      context.rollback();
      report.add(Diagnostics.error(refused.code(), id, refused.detail()));
      return false;
    }
    if (thrown != null || !rejections.isEmpty()) {
      context.rollback();
      report.add(Diagnostics.error(DiagnosticCode.INSTALL_FAILED, id,
          failureMessage(id, thrown, rejections, context.staged())));
      return false;
    }

    List<ServiceBinding> provided = context.provided();
    FeatureContributions contributions = context.contributions();
    try {
      host.commit(contributions);
    } catch (RuntimeException e) {
      context.rollback();
      // E.g. a sealed registry, or a host that refuses what the registry checked.
      report.add(Diagnostics.error(DiagnosticCode.INSTALL_FAILED, id, "feature " + id + " passed every"
          + " registration check, but the Pod could not take its contributions: " + describe(e)
          + ". Nothing it registered was kept."));
      return false;
    }
    toolNames.claim(contributions);
    services.bindAll(provided);
    List<String> undelivered = context.commitChannels();
    if (!undelivered.isEmpty()) {
      // The contributions are committed and stay: only what install sent is lost.
      report.add(Diagnostics.warning(DiagnosticCode.INSTALL_FAILED, id, "feature " + id + " installed,"
          + " but " + (undelivered.size() == 1 ? "what it sent" : undelivered.size() + " things it sent")
          + " while installing could not be delivered, so " + (undelivered.size() == 1 ? "it is" : "they are")
          + " lost:" + Diagnostics.lines(undelivered) + "\n  Check the host's history and alert sink;"
          + " the feature itself works."));
    }
    recordContributions(contributions, provided);
    return true;
  }

  /** What became of each declared contribution; one never registered is a warning. */
  private void recordContributions(FeatureContributions contributions, List<ServiceBinding> provided) {
    String id = entry.id();
    Set<String> registered = new HashSet<>();
    for (FeatureContributions.ToolEntry t : contributions.tools()) {
      registered.add(Declared.key(Kind.TOOL, t.descriptor().name()));
    }
    for (FeatureContributions.HookEntry h : contributions.hooks()) {
      registered.add(Declared.key(Kind.HOOK, h.descriptor().name()));
    }
    for (FeatureContributions.TaskEntry t : contributions.tasks()) {
      registered.add(Declared.key(Kind.TASK, t.descriptor().name()));
    }
    for (ServiceBinding s : provided) {
      registered.add(Declared.key(Kind.SERVICE, s.id()));
    }
    for (Declared declared : Declared.of(entry.descriptor(), entry.source())) {
      String skipped = declared.kind() == Kind.TOOL ? skippedTools.get(declared.name()) : null;
      if (registered.contains(declared.key())) {
        report.contribution(declared, Status.INSTALLED, "");
      } else if (skipped != null) {
        report.contribution(declared, Status.SKIPPED, skipped);
      } else {
        report.contribution(declared, Status.NOT_REGISTERED, "install never registered it");
        report.add(Diagnostics.warning(DiagnosticCode.DECLARED_NOT_REGISTERED, id, "feature " + id
            + " declares " + declared.what() + " (" + declared.className() + "), but its install never"
            + " registered it, so it is not available. Register it (" + declared.register() + ") or remove"
            + " its " + declared.annotation() + "."));
      }
    }
  }

  private static String failureMessage(String id, Throwable thrown, List<Diagnostic> rejections, List<String> staged) {
    StringBuilder out = new StringBuilder("feature " + id + " failed to install: ");
    if (!rejections.isEmpty()) {
      List<String> codes = rejections.stream().map(Diagnostic::code).distinct().toList();
      out.append(rejections.size() == 1 ? "a registration was" : rejections.size() + " registrations were")
          .append(" rejected (").append(String.join(", ", codes)).append(", see above)");
      if (thrown == null) {
        out.append("; install caught the rejection, but a rejected registration fails the feature anyway");
      } else if (!(thrown instanceof dev.yoi.feature.RegistrationRejectedException)) {
        out.append(", and install then threw ").append(describe(thrown));
      }
    } else {
      out.append("install threw ").append(describe(thrown));
    }
    out.append(". Nothing it registered was kept");
    if (!staged.isEmpty()) {
      out.append(" (rolled back: ").append(String.join(", ", staged)).append(")");
    }
    out.append(". Fix the feature's install method, or disable the feature in the manifest.");
    return out.toString();
  }

  /** Lets a dying JVM die; what is left, a StackOverflowError too, fails only the feature. */
  static void rethrowIfFatal(Throwable t) {
    Fault.caught(t);
  }

  /**
   * {@code java.lang.IllegalStateException: boom (at com.acme.F.install(F.java:12))}: the throw and
   * the feature's frame are the feature's text (and its code), so {@link Fault} reads and bounds them.
   */
  static String describe(Throwable t) {
    return Fault.located(t, cls -> !cls.startsWith("java.") && !cls.startsWith("jdk.")
        && !cls.startsWith("sun.") && !cls.startsWith("dev.yoi.feature.install."));
  }
}
