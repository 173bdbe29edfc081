package dev.yoi.feature;

import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.install.HostSurfaces;
import java.util.List;

/** Catalogs, enables, grants, orders and installs features into a Pod. (Built by the registry issue.) */
public final class FeatureRegistry {
  private FeatureRegistry() {}

  /** Installs every enabled feature found through {@code loaders}; never throws for a feature's fault. */
  public static InstallReport install(
      List<FeatureLoader> loaders, Enablement enablement, AuthorityPolicy policy, HostSurfaces host) {
    throw new UnsupportedOperationException("FeatureRegistry.install: not built yet (issue 3)");
  }
}
