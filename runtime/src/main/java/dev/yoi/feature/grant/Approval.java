package dev.yoi.feature.grant;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.FeatureDescriptor;
import java.util.Collections;
import java.util.Objects;
import java.util.Collection;
import java.util.Optional;
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
 * @param code the SHA-256 of the plugin's jar or class directory when it was approved (see
 *     {@link dev.yoi.feature.catalog.PluginCode}), if known; what a Pod that pins code holds the
 *     feature to
 */
public record Approval(
    String featureId, String digest, SortedSet<AuthorityLabel> granted, FeatureDescriptor descriptor,
    Optional<String> code) {
  public Approval {
    Objects.requireNonNull(featureId, "featureId");
    Objects.requireNonNull(digest, "digest");
    granted = Collections.unmodifiableSortedSet(new TreeSet<>(granted));
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(code, "code");
  }

  /** An approval of any collection of labels (kept sorted). */
  public Approval(String featureId, String digest, Collection<AuthorityLabel> granted, FeatureDescriptor descriptor,
      Optional<String> code) {
    this(featureId, digest, new TreeSet<>(granted), descriptor, code);
  }

  /** An approval that pins no code. */
  public Approval(String featureId, String digest, Collection<AuthorityLabel> granted, FeatureDescriptor descriptor) {
    this(featureId, digest, new TreeSet<>(granted), descriptor, Optional.empty());
  }
}
