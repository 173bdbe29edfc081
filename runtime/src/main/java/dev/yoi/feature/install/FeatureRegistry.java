package dev.yoi.feature.install;

import dev.yoi.feature.InstallReport;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.runtime.RuntimeInstaller;
import java.util.List;

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
 * diagnostic is also {@linkplain HostSurfaces#publish published} as soon as it is known.
 */
public final class FeatureRegistry {
  private FeatureRegistry() {}

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
    Runtimes runtimes = new Runtimes(installers);
    return Installation.run(FeatureCatalog.read(loaders), enablement, policy, host, runtimes);
  }

  /** {@link #install(List, Enablement, AuthorityPolicy, HostSurfaces, List)} of the JVM kinds only. */
  public static InstallReport install(
      List<FeatureLoader> loaders, Enablement enablement, AuthorityPolicy policy, HostSurfaces host) {
    return install(loaders, enablement, policy, host, List.of());
  }

  /**
   * A dry-run install ({@code yoi report}): the whole path, including each feature's
   * {@code install} and every registration check, into {@link DryRunSurfaces} that keep nothing and
   * start nothing. The report is what a real start with the same inputs would report.
   */
  public static InstallReport dryRun(
      List<FeatureLoader> loaders, Enablement enablement, AuthorityPolicy policy,
      List<RuntimeInstaller> installers) {
    return install(loaders, enablement, policy, new DryRunSurfaces(), installers);
  }

  /** {@link #dryRun(List, Enablement, AuthorityPolicy, List)} of the JVM kinds only. */
  public static InstallReport dryRun(List<FeatureLoader> loaders, Enablement enablement, AuthorityPolicy policy) {
    return dryRun(loaders, enablement, policy, List.of());
  }
}
