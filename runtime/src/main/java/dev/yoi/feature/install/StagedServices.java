package dev.yoi.feature.install;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Names;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.RequiredService;
import dev.yoi.feature.RequiredServiceReport;
import dev.yoi.feature.ServiceBinder;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.report.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A feature's services: the ones it provides (declared, as the declared type, once, the qualified
 * id free) are staged and bound only when the install commits; the ones it looks up must be
 * declared, as the declared type. Whether a required service may be used (provider installed,
 * version in range, {@code SERVICE_ACCESS} for a privileged one) was decided once, by service
 * resolution before the install: a lookup reads that verdict and never re-checks it.
 */
final class StagedServices implements ServiceBinder {
  private final Staging staging;
  private final ServiceRegistry services;
  private final Map<String, RequiredServiceReport> resolved = new LinkedHashMap<>();
  private final Map<String, ServiceBinding> provided = new LinkedHashMap<>();

  /**
   * @param resolved how each required service resolved, provider failures included
   */
  StagedServices(Staging staging, ServiceRegistry services, List<RequiredServiceReport> resolved) {
    this.staging = staging;
    this.services = services;
    for (RequiredServiceReport r : resolved) {
      this.resolved.putIfAbsent(r.id(), r);
    }
  }

  @Override
  public <T> void provide(Class<T> type, T instance) {
    synchronized (staging) {
      staging.checkOpen("service");
      String featureId = staging.featureId();
      if (type == null || instance == null) {
        throw staging.reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId
            + " called services().provide with a null " + (type == null ? "type" : "instance") + ".");
      }
      Class<?> implementation = instance.getClass();
      ProvidedService declared = null;
      for (ProvidedService s : staging.descriptor().providedServices()) {
        if (s.className().equals(implementation.getName())) {
          declared = s;
          break;
        }
      }
      if (declared == null) {
        List<String> listed = new ArrayList<>();
        for (ProvidedService s : staging.descriptor().providedServices()) {
          listed.add(staging.source().qualify(s.id()) + " (" + s.className() + " as " + s.type() + ")");
        }
        throw staging.undeclared(instance, "service", "@ProvidesService", listed);
      }
      String id = staging.source().qualify(declared.id());
      if (!declared.type().equals(type.getCanonicalName()) && !declared.type().equals(type.getName())) {
        throw staging.reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId + " provided "
            + implementation.getName() + " as type " + type.getName() + ", but it is declared as service "
            + id + " of type " + declared.type() + ". Call services().provide(" + declared.type()
            + ".class, instance).");
      }
      if (!type.isInstance(instance)) {
        throw staging.reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId + " provided "
            + implementation.getName() + ", which is not a " + type.getName() + ".");
      }
      staging.once(provided, "service", id, instance, "provide each declared service once");
      Optional<ServiceBinding> existing = services.binding(id);
      if (existing.isPresent()) {
        throw staging.reject(DiagnosticCode.DUPLICATE_CONTRIBUTION, "service " + id + " is provided twice:"
            + Diagnostics.lines(Stream.of(existing.get().providerFeatureId() + "  "
                + existing.get().instance().getClass().getName(), featureId + "  " + implementation.getName())
                .sorted().toList())
            + "\n  A qualified service id has one provider. Rename one service (@ProvidesService(id)).");
      }
      provided.put(id, new ServiceBinding(id, declared.version(), declared.type(), declared.privileged(),
          featureId, instance));
    }
  }

  @Override
  public <T> T require(String id, Class<T> type) {
    synchronized (staging) {
      staging.checkOpen("service lookup");
      RequiredService declared = declared(id, type);
      Optional<ServiceBinding> binding = usable(id);
      if (binding.isEmpty()) {
        throw unavailable(declared);
      }
      return cast(declared, binding.get(), type);
    }
  }

  @Override
  public <T> Optional<T> optional(String id, Class<T> type) {
    synchronized (staging) {
      staging.checkOpen("service lookup");
      RequiredService declared = declared(id, type);
      return usable(id).map(binding -> cast(declared, binding, type));
    }
  }

  /** The binding of {@code id} if resolution found it usable by this feature and it is bound. */
  private Optional<ServiceBinding> usable(String id) {
    RequiredServiceReport verdict = resolved.get(id);
    if (verdict == null || verdict.status() != RequiredServiceReport.Status.RESOLVED) {
      return Optional.empty();
    }
    return services.binding(id);
  }

  private RequiredService declared(String id, Class<?> type) {
    String featureId = staging.featureId();
    if (id == null || type == null) {
      throw staging.reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId
          + " looked up a service with a null " + (id == null ? "id" : "type") + ".");
    }
    RequiredService declared = null;
    for (RequiredService r : staging.descriptor().requiredServices()) {
      if (r.id().equals(id)) {
        declared = r;
        break;
      }
    }
    if (declared == null) {
      String hint = Names.checkQualifiedId("service id", id).map(p -> " (" + p + ")").orElse("");
      throw staging.reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId + " looked up service "
          + id + hint + ", which it does not declare. Declare it on the feature class with"
          + " @RequiresService(id = \"" + id + "\", version = \"...\", type = " + type.getSimpleName()
          + ".class, reason = \"...\").");
    }
    if (!declared.type().equals(type.getName()) && !declared.type().equals(type.getCanonicalName())) {
      // The resolver matched the provider against the declared type; a lookup as another type is
      // a registration the declaration does not cover, as for provide().
      throw staging.reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId + " looked up service "
          + id + " as " + type.getName() + ", but declares it as " + declared.type()
          + " (@RequiresService(type = ...)). Look it up with services()."
          + (declared.optional() ? "optional" : "require") + "(\"" + id + "\", "
          + Staging.simpleName(declared.type()) + ".class), or change the declared type.");
    }
    return declared;
  }

  /**
   * Why {@code require} cannot have a service resolution did not hand this feature: only an
   * optional requirement gets this far (a required one that did not resolve keeps the feature out).
   */
  private RuntimeException unavailable(RequiredService declared) {
    String featureId = staging.featureId();
    String id = declared.id();
    RequiredServiceReport verdict = resolved.get(id);
    RequiredServiceReport.Status status = verdict == null ? RequiredServiceReport.Status.MISSING : verdict.status();
    return switch (status) {
      case VERSION_MISMATCH -> staging.reject(DiagnosticCode.SERVICE_VERSION, "feature " + featureId
          + " requires service " + id + " in range " + declared.version() + ", but " + verdict.provider()
          + " provides version " + verdict.providerVersion() + ".");
      case DENIED -> staging.reject(DiagnosticCode.AUTHORITY_DENIED, "feature " + featureId
          + " requires the privileged service " + id + " without the grant "
          + new AuthorityLabel(AuthorityKind.SERVICE_ACCESS, id) + ".");
      default -> staging.reject(DiagnosticCode.MISSING_SERVICE, "feature " + featureId + " requires service "
          + id + ", but no installed feature provides it"
          + (declared.optional() ? "; it is declared optional, so look it up with services().optional(..)" : "")
          + ".");
    };
  }

  /** The provider's object as {@code type}; a same-named type from another class loader is not it. */
  private <T> T cast(RequiredService declared, ServiceBinding binding, Class<T> type) {
    if (!type.isInstance(binding.instance())) {
      String featureId = staging.featureId();
      throw staging.reject(DiagnosticCode.MISSING_SERVICE, "feature " + featureId + " requires service "
          + declared.id() + ": type " + type.getName() + " expected, but its provider "
          + binding.providerFeatureId() + " offers a " + binding.instance().getClass().getName()
          + ", which is not that type as " + featureId + "'s class loader sees it (each loaded "
          + type.getName() + " through its own class loader). Put " + type.getName() + " on a class"
          + " loader both share, e.g. the host's.");
    }
    return type.cast(binding.instance());
  }

  /** The staged services, in registration order. */
  List<ServiceBinding> staged() {
    synchronized (staging) {
      return List.copyOf(provided.values());
    }
  }
}
