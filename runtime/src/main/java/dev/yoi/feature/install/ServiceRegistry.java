package dev.yoi.feature.install;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The Pod's services: one provider per qualified id. The feature registry binds a feature's
 * services only when the feature's install committed, and resolves every consumer's ranges and
 * privileges before the consumer installs. Safe to read from any thread.
 */
final class ServiceRegistry {
  private final ConcurrentMap<String, ServiceBinding> bindings = new ConcurrentHashMap<>();

  /** The provider of {@code id}, e.g. {@code builtin:task-store}. */
  Optional<ServiceBinding> binding(String id) {
    return Optional.ofNullable(bindings.get(id));
  }

  /** Every binding, sorted by id. */
  List<ServiceBinding> bindings() {
    List<ServiceBinding> all = new ArrayList<>(bindings.values());
    all.sort(Comparator.comparing(ServiceBinding::id));
    return all;
  }

  /**
   * Binds all of one feature's services, or none of them.
   *
   * @throws IllegalStateException if an id is already bound (nothing is bound then)
   */
  synchronized void bindAll(Collection<ServiceBinding> provided) {
    for (ServiceBinding binding : provided) {
      ServiceBinding existing = bindings.get(binding.id());
      if (existing != null) {
        throw new IllegalStateException("service " + binding.id() + " is already provided by "
            + existing.providerFeatureId() + "; " + binding.providerFeatureId() + " cannot provide it too");
      }
    }
    for (ServiceBinding binding : provided) {
      bindings.put(binding.id(), binding);
    }
  }

}
