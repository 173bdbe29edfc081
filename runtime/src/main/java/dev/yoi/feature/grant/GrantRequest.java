package dev.yoi.feature.grant;

import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.PluginCode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy decides on: one feature, as its index describes it (no class loaded).
 *
 * @param featureId full id, e.g. {@code project:weather}
 * @param source where the host loaded it from
 * @param digest the digest of {@code descriptor}
 * @param descriptor what the feature declares, including its authority requests
 * @param code the jar or class directory holding the feature's index, when it is one (what a code
 *     pin hashes, see {@link PluginCode}); empty for any other class loader
 */
public record GrantRequest(
    String featureId, FeatureSource source, String digest, FeatureDescriptor descriptor, Optional<Path> code) {
  public GrantRequest {
    Objects.requireNonNull(featureId, "featureId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(code, "code");
  }

  /** A request with no code location. */
  public GrantRequest(String featureId, FeatureSource source, String digest, FeatureDescriptor descriptor) {
    this(featureId, source, digest, descriptor, Optional.empty());
  }

  public static GrantRequest of(CatalogEntry entry) {
    return new GrantRequest(entry.id(), entry.source(), entry.digest(), entry.descriptor(),
        PluginCode.root(entry.location()));
  }
}
