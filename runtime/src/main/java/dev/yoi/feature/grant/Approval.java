package dev.yoi.feature.grant;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.FeatureDescriptor;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One entry of the approval lock: what a person approved for a feature.
 *
 * @param featureId full id, e.g. {@code project:weather}
 * @param digest the digest approved; only a feature with exactly this digest gets the grants
 * @param granted the authority labels granted, sorted
 * @param descriptor the descriptor approved (its digest is {@code digest}); what a changed
 *     feature is compared against
 */
public record Approval(
    String featureId, String digest, SortedSet<AuthorityLabel> granted, FeatureDescriptor descriptor) {
  public Approval {
    Objects.requireNonNull(featureId, "featureId");
    Objects.requireNonNull(digest, "digest");
    granted = Collections.unmodifiableSortedSet(new TreeSet<>(granted));
    Objects.requireNonNull(descriptor, "descriptor");
  }
}
