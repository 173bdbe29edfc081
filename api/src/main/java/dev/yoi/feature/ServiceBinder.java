package dev.yoi.feature;

import java.util.Optional;

/** Provides declared services and looks up the ones the feature requires. */
public interface ServiceBinder {
  /**
   * Provides {@code instance} as the service declared with {@code @ProvidesService(type = type)}
   * on the instance's class.
   *
   * @throws RegistrationRejectedException ({@code yoi/undeclared-contribution}) if the instance's
   *     class declares no service, or declares it with another type
   */
  <T> void provide(Class<T> type, T instance);

  /**
   * The provider of a required service, e.g. {@code require("builtin:task-store", TaskStore.class)}.
   *
   * @throws RegistrationRejectedException if the feature did not declare it with
   *     {@code @RequiresService} of exactly {@code type} ({@code yoi/undeclared-contribution}),
   *     or it lacks a privileged service's {@code SERVICE_ACCESS}
   */
  <T> T require(String id, Class<T> type);

  /** An optional service's provider, or empty if none is installed. */
  <T> Optional<T> optional(String id, Class<T> type);
}
