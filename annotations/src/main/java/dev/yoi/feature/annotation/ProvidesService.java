package dev.yoi.feature.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a service this feature provides to other features through the host's service registry.
 *
 * <p>Put it on the implementing class; it must implement {@link #type()}. The feature's
 * {@code install} registers an instance with {@code context.services().provide(type, instance)}.
 * Consumers name it qualified by the provider's source, e.g. {@code builtin:task-store}.
 *
 * <p>The build rejects: an {@code id} that is not a slug ({@code [yoi/invalid-id]}), a version that
 * is not SemVer 2.0 ({@code [yoi/invalid-version]}), a class that does not implement {@code type}
 * ({@code [yoi/wrong-supertype]}), no owning feature ({@code [yoi/orphan-contribution]}) and the
 * same service id provided twice ({@code [yoi/duplicate-contribution]}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ProvidesService {
  /** The service slug, qualified at run time by the provider's source: {@code task-store}. */
  String id();

  /** The SemVer 2.0 version consumers' ranges are checked against, e.g. {@code 1.2.0}. */
  String version();

  /** The interface consumers look the service up by. */
  Class<?> type();

  /**
   * A privileged service is handed only to consumers granted {@code SERVICE_ACCESS} with this
   * service's qualified id as scope.
   */
  boolean privileged() default false;

  /** The owning feature, when this class is not nested in it; {@code void.class} means the enclosing one. */
  Class<?> feature() default void.class;
}
