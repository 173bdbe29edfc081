package dev.yoi.feature.install;

import dev.yoi.descriptor.Identities;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The services of one install run: one provider per service identity ({@link IdentityKeys}). A
 * feature's services are bound only when its install committed; consumers get them through their
 * own install context. Safe to read from any thread.
 */
final class ServiceRegistry {
  private final ConcurrentMap<Identities.Key, ServiceBinding> bindings = new ConcurrentHashMap<>();

  /** The provider of {@code id}, e.g. {@code builtin:task-store}. */
  Optional<ServiceBinding> binding(String id) {
    return Optional.ofNullable(bindings.get(IdentityKeys.service(id)));
  }

  /**
   * Binds all of one feature's services, or none of them.
   *
   * @throws IllegalStateException if an id is already bound (nothing is bound then)
   */
  synchronized void bindAll(Collection<ServiceBinding> provided) {
    for (ServiceBinding binding : provided) {
      ServiceBinding existing = bindings.get(IdentityKeys.service(binding.id()));
      if (existing != null) {
        throw new IllegalStateException("service " + binding.id() + " is already provided by "
            + existing.providerFeatureId() + "; " + binding.providerFeatureId() + " cannot provide it too");
      }
    }
    for (ServiceBinding binding : provided) {
      bindings.put(IdentityKeys.service(binding.id()), binding);
    }
  }
}
