package dev.yoi.descriptor;

import java.util.Objects;
import java.util.Optional;

/**
 * When two declarations claim the same name: one meaning, for the processor, {@code yoi verify}
 * and the runtime alike.
 *
 * <ul>
 *   <li>Tool names are model-visible: the model sees one list of tools, so a tool name conflicts
 *       with the same name from any feature, whatever its source.
 *   <li>Feature ids and service ids are qualified by the source a feature is installed from
 *       ({@code builtin}, {@code user}, {@code project}): {@code user:cache} and
 *       {@code project:cache} are two features (two services) and do not conflict; two
 *       {@code project:cache} do.
 * </ul>
 *
 * <p>Who knows the source: the runtime and {@code yoi verify} assign it
 * ({@link Origin#source}). The build does not, but everything one compilation produces goes into
 * one jar, installed from one source, so declarations compiled together share a source
 * ({@link Origin#thisCompilation()}): two features {@code cache} in one build conflict. A feature
 * found on the compile class path ({@link Origin#classPath()}) may end up in the same source or
 * in another; the build cannot know, so it claims no conflict of ids there (a tool name still
 * conflicts), exactly as the runtime allows {@code user:cache} beside {@code project:cache}. If
 * both do end up in one source, the host refuses the second at install and {@code yoi verify}
 * reports it before.
 */
public final class Identities {
  /** The three sources, made once: every key the runtime makes names one (see {@link Origin#source}). */
  private static final Origin.Source BUILTIN = new Origin.Source("builtin");
  private static final Origin.Source USER = new Origin.Source("user");
  private static final Origin.Source PROJECT = new Origin.Source("project");

  private Identities() {}

  /** What a name identifies, and so how far it must be unique. */
  public enum Namespace {
    FEATURE_ID("feature id"),
    SERVICE_ID("service id"),
    TOOL_NAME("tool name");

    private final String noun;

    Namespace(String noun) {
      this.noun = noun;
    }

    /** Whether names conflict across sources (model-visible names), not only within one. */
    public boolean global() {
      return this == TOOL_NAME;
    }

    /** {@code tool name}, {@code service id}, ... */
    public String noun() {
      return noun;
    }
  }

  /** Where a declaration is installed from, as far as the one comparing names can know. */
  public sealed interface Origin {
    /** Installed from this source: the runtime and {@code yoi verify} know it. */
    record Source(String prefix) implements Origin {
      public Source {
        if (!Names.QUALIFIED_ID.matcher(prefix + ":x").matches()) {
          throw new IllegalArgumentException("\"" + prefix + "\" is not a source (builtin, user or project)");
        }
      }
    }

    /** Compiled in the compilation doing the comparing: one jar, so one source, whichever. */
    record ThisCompilation() implements Origin {}

    /** Compiled elsewhere and found on the compile class path: its source is decided at install. */
    record ClassPath() implements Origin {}

    /**
     * {@code builtin}, {@code user} or {@code project}. The same object each time: a start makes a
     * key per tool and service it checks, and a new {@link Source} checks its prefix each time.
     */
    static Origin source(String prefix) {
      return switch (prefix) {
        case "builtin" -> BUILTIN;
        case "user" -> USER;
        case "project" -> PROJECT;
        default -> new Source(prefix); // refused, with its message
      };
    }

    static Origin thisCompilation() {
      return new ThisCompilation();
    }

    static Origin classPath() {
      return new ClassPath();
    }
  }

  /**
   * The name two declarations conflict under: equal keys conflict, and only they.
   *
   * @param qualifier the source prefix for a qualified name known to its source, empty otherwise
   */
  public record Key(Namespace namespace, String qualifier, String name) {
    public Key {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(qualifier, "qualifier");
      Objects.requireNonNull(name, "name");
    }

    /** As messages show it: {@code project:cache}, {@code Forecast}, or {@code cache} at build time. */
    public String shown() {
      return qualifier.isEmpty() ? name : qualifier + ":" + name;
    }

    // Written out, not generated: keys are looked up per tool and service at every start, and a
    // record's generated equals and hashCode run through method handles, slow until compiled.
    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && namespace == key.namespace && qualifier.equals(key.qualifier)
          && name.equals(key.name);
    }

    @Override
    public int hashCode() {
      return (namespace.hashCode() * 31 + qualifier.hashCode()) * 31 + name.hashCode();
    }
  }

  /**
   * The key {@code name} declared at {@code origin} conflicts under, or empty when no conflict
   * can be known (a feature or service id compiled elsewhere: its source is decided at install).
   */
  public static Optional<Key> key(Namespace namespace, Origin origin, String name) {
    Objects.requireNonNull(name, "name");
    if (namespace.global()) {
      return Optional.of(new Key(namespace, "", name));
    }
    if (origin instanceof Origin.Source source) {
      return Optional.of(new Key(namespace, source.prefix(), name));
    }
    if (origin instanceof Origin.ThisCompilation) {
      return Optional.of(new Key(namespace, "", name));
    }
    return Optional.empty(); // compiled elsewhere: the same source or another, decided at install
  }

  /** Whether {@code a} at {@code originA} and {@code b} at {@code originB} conflict. */
  public static boolean conflict(Namespace namespace, Origin originA, String a, Origin originB, String b) {
    Optional<Key> first = key(namespace, originA, a);
    return first.isPresent() && first.equals(key(namespace, originB, b));
  }
}
