package dev.yoi.feature.install;

import dev.yoi.descriptor.Identities;
import dev.yoi.feature.FeatureSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which feature holds each tool name, across every class loader of one install run, keyed as
 * {@link IdentityKeys} keys tools: what a tool registration is checked against, so that a
 * duplicate is rejected when it is registered, with both parties named, before anything reaches
 * the host.
 */
final class ToolNames {
  /** Who holds a tool name: the feature and the tool's class, as a duplicate's message lists them. */
  record Owner(String featureId, String className) {
    @Override
    public String toString() {
      return featureId + "  " + className;
    }
  }

  private final Map<Identities.Key, Owner> owners = new HashMap<>();

  /** The feature and class holding tool {@code name} for a feature from {@code source}, if any. */
  synchronized Optional<Owner> owner(FeatureSource source, String name) {
    return Optional.ofNullable(owners.get(IdentityKeys.tool(source, name)));
  }

  /** Records the tools of a feature whose contributions the host took. */
  synchronized void claim(FeatureContributions contributions) {
    FeatureSource source = FeatureSource.ofQualifiedId(contributions.featureId());
    for (FeatureContributions.ToolEntry tool : contributions.tools()) {
      owners.putIfAbsent(IdentityKeys.tool(source, tool.descriptor().name()),
          new Owner(tool.featureId(), tool.tool().getClass().getName()));
    }
  }
}
