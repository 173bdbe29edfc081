package dev.yoi.feature.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a service this feature needs from another feature. The host installs providers first
 * and checks the version range; a missing required service means the feature is not installed, a
 * missing optional one is a warning and {@code services().optional(..)} returns empty.
 *
 * <p>The build rejects: an id that is not {@code source:slug} ({@code [yoi/invalid-id]}), a range
 * semver4j cannot parse ({@code [yoi/invalid-version-range]}) and a blank reason
 * ({@code [yoi/missing-reason]}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(RequiresService.List.class)
public @interface RequiresService {
  /** The qualified service id, e.g. {@code builtin:task-store}. */
  String id();

  /** A version range, e.g. {@code ^1.2} or {@code >=1.0 <2.0}. */
  String version();

  /** The interface the service is used through. */
  Class<?> type();

  /** An optional service may be absent; the feature still installs. */
  boolean optional() default false;

  /** Why the feature needs the service, as the approving person reads it. Never blank. */
  String reason();

  /** Container for repeated {@link RequiresService}. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    RequiresService[] value();
  }
}
