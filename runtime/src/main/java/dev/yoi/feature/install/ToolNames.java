package dev.yoi.feature.install;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which feature holds each model-visible tool name, across every class loader of one install run:
 * what a tool registration is checked against, so that a duplicate is rejected when it is
 * registered, with both parties named, before anything reaches the host.
 */
final class ToolNames {
  /** Who holds a tool name: the feature and the tool's class, as a duplicate's message lists them. */
  record Owner(String featureId, String className) {
    @Override
    public String toString() {
      return featureId + "  " + className;
    }
  }

  private final Map<String, Owner> owners = new HashMap<>();

  /** The feature and class holding tool {@code name}, if a committed feature holds it. */
  synchronized Optional<Owner> owner(String name) {
    return Optional.ofNullable(owners.get(name));
  }

  /** Records the tools of a feature whose contributions the host took. */
  synchronized void claim(FeatureContributions contributions) {
    for (FeatureContributions.ToolEntry tool : contributions.tools()) {
      owners.putIfAbsent(tool.descriptor().name(),
          new Owner(tool.featureId(), tool.tool().getClass().getName()));
    }
  }
}
