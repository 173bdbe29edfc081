package dev.yoi.feature.install;

import dev.yoi.descriptor.Names;
import dev.yoi.feature.Grants;
import dev.yoi.feature.annotation.AuthorityKind;
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

  /** Whether {@link #version()} lies in {@code range} (a semver4j range such as {@code ^1.2}). */
  boolean satisfies(String range) {
    return Names.satisfies(version, range);
  }

  /** Whether a consumer with {@code grants} may use it: always, or with SERVICE_ACCESS:id if privileged. */
  boolean accessibleWith(Grants grants) {
    return !privileged || grants.has(AuthorityKind.SERVICE_ACCESS, id);
  }
}
