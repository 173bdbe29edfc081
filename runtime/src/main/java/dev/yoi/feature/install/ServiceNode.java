package dev.yoi.feature.install;

import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.Grants;
import java.util.Objects;
import java.util.Optional;

/**
 * One feature as service resolution sees it.
 *
 * @param featureId full id
 * @param source its source; qualifies the ids of the services it provides
 * @param descriptor what it provides and requires
 * @param grants what the policy granted it (privileged services need SERVICE_ACCESS)
 * @param blockedBy why it will not be installed whatever the services say (not enabled, not
 *     approved, ...), as a short phrase; empty for a feature that is a candidate for install
 */
record ServiceNode(
    String featureId, FeatureSource source, FeatureDescriptor descriptor, Grants grants, Optional<String> blockedBy) {
  ServiceNode {
    Objects.requireNonNull(featureId, "featureId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(grants, "grants");
    Objects.requireNonNull(blockedBy, "blockedBy");
  }

  boolean candidate() {
    return blockedBy.isEmpty();
  }
}
