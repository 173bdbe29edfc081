package dev.yoi.feature.install;

import java.util.Objects;

/**
 * One provided service in the registry.
 *
 * @param id qualified by the provider's source, e.g. {@code builtin:task-store}
 * @param version the provider's SemVer version of it
 * @param type canonical name of the interface it is declared with
 * @param privileged whether consumers need {@code SERVICE_ACCESS:<id>}
 * @param providerFeatureId the full id of the feature that provides it
 * @param instance the provider's object; an instance of {@code type}
 */
record ServiceBinding(
    String id, String version, String type, boolean privileged, String providerFeatureId, Object instance) {
  ServiceBinding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(providerFeatureId, "providerFeatureId");
    Objects.requireNonNull(instance, "instance");
  }
}
