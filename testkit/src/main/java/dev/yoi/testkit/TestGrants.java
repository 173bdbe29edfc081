package dev.yoi.testkit;

import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.grant.GrantDecision;
import dev.yoi.feature.grant.GrantRequest;
import java.util.List;
import java.util.Set;

/**
 * The grants a test gives in code, in place of an approval lock: builtins get what they request
 * (as with the standard policy); plugins are approved, with every requested authority when
 * {@code all}, else the requested ones among {@code labels}.
 */
record TestGrants(boolean all, Set<String> labels) implements AuthorityPolicy {
  TestGrants {
    labels = Set.copyOf(labels);
  }

  @Override
  public GrantDecision decide(GrantRequest request) {
    List<String> requested = request.descriptor().authorities().stream()
        .map(r -> r.label().toString()).toList();
    if (all || request.source() == FeatureSource.BUILTIN) {
      return GrantDecision.grant(requested);
    }
    return GrantDecision.grant(requested.stream().filter(labels::contains).toList());
  }
}
