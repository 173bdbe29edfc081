package dev.yoi.pod;

import java.util.Objects;

/**
 * A service an installed feature provides, as the Pod lists it ({@link Pod#services()}). Features
 * reach services through their {@code InstallContext}; the host only sees what is there.
 *
 * @param id qualified by the provider's source, e.g. {@code builtin:task-store}
 * @param version the provider's SemVer version of it
 * @param type the canonical name of the interface it is provided as
 * @param privileged whether consumers need {@code SERVICE_ACCESS:<id>}
 * @param providerFeatureId the full id of the feature that provides it
 */
public record InstalledService(String id, String version, String type, boolean privileged, String providerFeatureId) {
  public InstalledService {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(providerFeatureId, "providerFeatureId");
  }
}
