package dev.yoi.feature.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requests a host authority for the feature. Builtin features get what they request; user and
 * project features get exactly what the approval lock records for the same id and digest.
 *
 * <p>A denied required authority means the feature is not installed; a denied optional one skips
 * only the contributions whose {@code requires} names it.
 *
 * <p>The build rejects: a blank reason ({@code [yoi/missing-reason]}), a missing scope for
 * {@code SECRET_REF}, {@code STATE_STORE} and {@code SERVICE_ACCESS} ({@code [yoi/missing-scope]}),
 * and a scope outside its kind's grammar, or on a kind that takes none
 * ({@code [yoi/invalid-scope]}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(RequiresAuthority.List.class)
public @interface RequiresAuthority {
  /** The kind of authority. */
  AuthorityKind value();

  /**
   * What the authority covers: the secret id ({@code SECRET_REF}, e.g. {@code weather-api-key}),
   * the store name ({@code STATE_STORE}, e.g. {@code journal}: no {@code /}, no leading
   * {@code .}), the qualified service id ({@code SERVICE_ACCESS}, e.g. {@code builtin:task-store});
   * optionally a path glob starting with {@code /} or {@code ~/} ({@code FILESYSTEM}) or a
   * lower-case host, {@code *.host} or {@code host:port} ({@code NETWORK}). Empty means the whole
   * kind; {@code MODEL_NOTIFICATION} and {@code POD_MANAGEMENT} take no scope.
   */
  String scope() default "";

  /** An optional authority may be denied without failing the feature. */
  boolean optional() default false;

  /** Why the feature needs it, as the approving person reads it in the permission prompt. Never blank. */
  String reason();

  /** Container for repeated {@link RequiresAuthority}. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    RequiresAuthority[] value();
  }
}
