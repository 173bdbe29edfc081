package dev.yoi.feature.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a hook at one fixed point of a turn.
 *
 * <p>Put it on a class that implements exactly one of {@code dev.yoi.pod.hook.PreRequestHook},
 * {@code PreToolCallHook}, {@code ToolResultHook} or {@code TurnEndHook}; the point is taken from
 * that interface. Hooks at one point run by {@link #order()}, then feature id, then name. A hook
 * that throws is reported; at a point that decides (pre-request, pre-tool-call) it fails closed.
 *
 * <p>The build rejects: a class that implements none or several hook interfaces
 * ({@code [yoi/wrong-supertype]}), a hook with no owning feature
 * ({@code [yoi/orphan-contribution]}), and two hooks with the same name in one feature
 * ({@code [yoi/duplicate-contribution]}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface HookContribution {
  /** The hook's name, unique within its feature: {@code ^[A-Za-z0-9_-]{1,64}$}. */
  String name();

  /** Lower runs first; ties are broken by feature id, then name. */
  int order() default 0;

  /** The owning feature, when this class is not nested in it; {@code void.class} means the enclosing one. */
  Class<?> feature() default void.class;
}
