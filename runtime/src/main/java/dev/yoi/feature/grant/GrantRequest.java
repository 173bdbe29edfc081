package dev.yoi.feature.grant;

import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.CatalogEntry;
import java.util.Objects;

/**
 * What a policy decides on: one feature, as its index describes it (no class loaded).
 *
 * @param featureId full id, e.g. {@code project:weather}
 * @param source where the host loaded it from
 * @param digest the digest of {@code descriptor}
 * @param descriptor what the feature declares, including its authority requests
 */
public record GrantRequest(
    String featureId, FeatureSource source, String digest, FeatureDescriptor descriptor) {
  public GrantRequest {
    Objects.requireNonNull(featureId, "featureId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(descriptor, "descriptor");
  }

  public static GrantRequest of(CatalogEntry entry) {
    return new GrantRequest(entry.id(), entry.source(), entry.digest(), entry.descriptor());
  }
}
