package dev.yoi.feature.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a background task the host runs for the feature. Features never start threads: the
 * host's supervisor starts, restarts (with bounded exponential backoff) and stops the task, and
 * the task checks {@code TaskContext.isCancelled()} to stop cooperatively.
 *
 * <p>Put it on a class that implements {@code dev.yoi.pod.task.BackgroundTask}.
 *
 * <p>The build rejects: a class that is not a {@code BackgroundTask} ({@code [yoi/wrong-supertype]}),
 * an {@code every} that is not a positive ISO-8601 duration ({@code [yoi/invalid-duration]}), a task
 * with no owning feature ({@code [yoi/orphan-contribution]}), and two tasks with the same name in
 * one feature ({@code [yoi/duplicate-contribution]}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface BackgroundTaskContribution {
  /** The task's name, unique within its feature: {@code ^[A-Za-z0-9_-]{1,64}$}. */
  String name();

  /** What the task does, shown in reports and approval prompts. */
  String description();

  /**
   * Empty: run once, as a long-running task. Otherwise an ISO-8601 duration such as {@code PT30S}
   * or {@code PT5M}: the task runs periodically with that interval.
   */
  String every() default "";

  /** What the supervisor does when {@code run} returns or throws. */
  RestartPolicy restart() default RestartPolicy.ON_FAILURE;

  /** The owning feature, when this class is not nested in it; {@code void.class} means the enclosing one. */
  Class<?> feature() default void.class;
}
