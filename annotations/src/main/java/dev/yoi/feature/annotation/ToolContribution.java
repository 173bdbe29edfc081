package dev.yoi.feature.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a tool the model can call.
 *
 * <p>Put it on a class that implements {@code dev.yoi.pod.tool.Tool<I>}, where {@code I} is a
 * record (its JSON Schema is derived at build time and locked by the feature's digest) or
 * {@code com.fasterxml.jackson.databind.JsonNode} for free-form input.
 *
 * <p>The build rejects: a name the model APIs do not accept ({@code [yoi/invalid-tool-name]}), a
 * class that is not a {@code Tool} ({@code [yoi/wrong-supertype]}), an input type the schema
 * cannot describe ({@code [yoi/unsupported-input-type]}), a required authority the owning feature
 * does not request ({@code [yoi/authority-not-requested]}), a tool with no owning feature
 * ({@code [yoi/orphan-contribution]}), and a name another tool already uses
 * ({@code [yoi/duplicate-contribution]}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ToolContribution {
  /** The model-visible tool name: {@code ^[A-Za-z0-9_-]{1,64}$}, unique across all features. */
  String name();

  /** What the tool does, as the model reads it when choosing tools. */
  String description();

  /**
   * The authorities this tool needs. The owning feature must request each with
   * {@link RequiresAuthority}; if an optional request is denied, only the tools that need it are
   * skipped.
   */
  AuthorityKind[] requires() default {};

  /**
   * The owning feature, when this class is not nested in it. {@code void.class} (the default) means
   * the enclosing {@link Feature} class.
   */
  Class<?> feature() default void.class;
}
