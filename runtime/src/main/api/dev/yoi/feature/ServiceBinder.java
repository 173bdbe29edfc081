package dev.yoi.feature;

import java.util.Optional;

/** Provides declared services and looks up the ones the feature requires. */
public interface ServiceBinder {
  /**
   * Provides {@code instance} as the service declared with {@code @ProvidesService(type = type)}
   * on the instance's class.
   */
  <T> void provide(Class<T> type, T instance);

  /**
   * The provider of a required service, e.g. {@code require("builtin:task-store", TaskStore.class)}.
   *
   * @throws RegistrationRejectedException if the feature did not declare it with
   *     {@code @RequiresService}, or it lacks a privileged service's {@code SERVICE_ACCESS}
   */
  <T> T require(String id, Class<T> type);

  /** An optional service's provider, or empty if none is installed. */
  <T> Optional<T> optional(String id, Class<T> type);
}
