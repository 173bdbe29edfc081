package dev.yoi.descriptor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The checks a descriptor read from an index must pass: the same rules the processor enforces on
 * source, applied again because an index may come from anywhere. Every string is checked for
 * control characters first ({@link ControlCharacters}), then against its grammar, so a string has
 * at most one problem, the same one the build would have reported.
 */
public final class DescriptorChecks {
  /** How a check's message shows the name of what the value belongs to. */
  private static final boolean QUOTED = true;
  private static final boolean SHOWN = false;

  private DescriptorChecks() {}

  /** Every problem found, as sentences; empty when the descriptor is well-formed. */
  public static List<String> check(FeatureDescriptor d) {
    return check(d, new VersionChecks());
  }

  /** {@link #check(FeatureDescriptor)}, with versions and ranges checked through {@code versions}. */
  public static List<String> check(FeatureDescriptor d, VersionChecks versions) {
    Checks c = new Checks(versions);
    String slug = d.slug();
    c.line("feature id", null, SHOWN, d.slug(), Grammar.SLUG);
    c.line("name of feature ", slug, SHOWN, d.name(), Grammar.NONE);
    c.line("version of feature ", slug, SHOWN, d.version(), Grammar.VERSION);
    c.text("description of feature ", slug, SHOWN, d.description());
    c.line("class of feature ", slug, SHOWN, d.featureClass(), Grammar.NONE);
    Set<String> seen = new HashSet<>();
    for (ToolDescriptor tool : d.tools()) {
      c.line("tool name", null, SHOWN, tool.name(), Grammar.TOOL_NAME);
      c.text("description of tool ", tool.name(), QUOTED, tool.description());
      c.line("class of tool ", tool.name(), QUOTED, tool.className(), Grammar.NONE);
      c.line("input type of tool ", tool.name(), QUOTED, tool.inputType(), Grammar.NONE);
      if (!seen.add(tool.name())) {
        c.problems.add("tool " + ControlCharacters.quote(tool.name()) + " is declared twice");
      }
      if (!tool.schemaTree().isObject()) {
        c.problems.add("tool " + ControlCharacters.quote(tool.name()) + " has an input schema that is not an object");
      }
    }
    seen.clear();
    for (HookDescriptor hook : d.hooks()) {
      c.line("hook name", null, SHOWN, hook.name(), Grammar.TOOL_NAME);
      c.line("class of hook ", hook.name(), QUOTED, hook.className(), Grammar.NONE);
      if (!seen.add(hook.name())) {
        c.problems.add("hook " + ControlCharacters.quote(hook.name()) + " is declared twice");
      }
    }
    seen.clear();
    for (TaskDescriptor task : d.backgroundTasks()) {
      c.line("task name", null, SHOWN, task.name(), Grammar.TOOL_NAME);
      c.text("description of task ", task.name(), QUOTED, task.description());
      c.line("every of task ", task.name(), SHOWN, task.every(), Grammar.DURATION);
      c.line("class of task ", task.name(), QUOTED, task.className(), Grammar.NONE);
      if (!seen.add(task.name())) {
        c.problems.add("task " + ControlCharacters.quote(task.name()) + " is declared twice");
      }
    }
    seen.clear();
    for (ProvidedService service : d.providedServices()) {
      c.line("service id", null, SHOWN, service.id(), Grammar.SLUG);
      c.line("version of service ", service.id(), SHOWN, service.version(), Grammar.VERSION);
      c.line("type of service ", service.id(), SHOWN, service.type(), Grammar.NONE);
      c.line("class of service ", service.id(), SHOWN, service.className(), Grammar.NONE);
      if (!seen.add(service.id())) {
        c.problems.add("service " + ControlCharacters.quote(service.id()) + " is provided twice");
      }
    }
    for (RequiredService service : d.requiredServices()) {
      c.line("required service id", null, SHOWN, service.id(), Grammar.QUALIFIED_ID);
      c.line("range for ", service.id(), SHOWN, service.version(), Grammar.RANGE);
      c.line("type of required service ", service.id(), SHOWN, service.type(), Grammar.NONE);
      c.text("reason for required service ", service.id(), SHOWN, service.reason());
    }
    for (AuthorityRequest request : d.authorities()) {
      Optional<Problem> scope = AuthorityScopes.check(request.kind(), request.scope());
      if (scope.isPresent()) {
        c.problems.add(scope.get().detail());
      }
      c.text("reason for " + request.kind(), null, SHOWN, request.reason());
    }
    McpServerChecks.check(d, c.problems);
    return c.problems;
  }

  /**
   * The problem with one declared line of data, if any: a control character
   * ({@code yoi/control-character}) first, else what {@code grammar} finds, as a {@code code}. The
   * processor checks annotation values in this order too, so a value has one problem, the same at
   * build time and in an index line.
   */
  public static Optional<Problem> line(String what, String value, DiagnosticCode code,
      BiFunction<String, String, Optional<String>> grammar) {
    Optional<Problem> control = ControlCharacters.checkLine(what, value);
    return control.isPresent() ? control
        : grammar.apply(what, value).map(detail -> new Problem(code, detail));
  }

  /** A grammar a declared line is checked against, as {@link #line} takes it. */
  private enum Grammar {
    NONE, SLUG, QUALIFIED_ID, TOOL_NAME, DURATION, VERSION, RANGE;

    Optional<String> check(String what, String value, VersionChecks versions) {
      return switch (this) {
        case NONE -> Optional.empty();
        case SLUG -> Names.checkSlug(what, value);
        case QUALIFIED_ID -> Names.checkQualifiedId(what, value);
        case TOOL_NAME -> Names.checkToolName(what, value);
        case DURATION -> Names.checkDuration(what, value);
        case VERSION -> versions.version(what, value);
        case RANGE -> versions.range(what, value);
      };
    }
  }

  /**
   * The problems of one descriptor, as sentences. A value is named in its sentence by a prefix and
   * the name of what it belongs to ({@code "name of feature " + weather}), shown as messages show
   * names ({@link ControlCharacters#shown}, or {@link ControlCharacters#quote} where
   * {@link #QUOTED}); the two are joined only for a value that has a problem, since an index line
   * holds dozens of values and almost never a problem.
   */
  private static final class Checks {
    final List<String> problems = new ArrayList<>();
    private final VersionChecks versions;

    Checks(VersionChecks versions) {
      this.versions = versions;
    }

    /** One line of declared data: its control characters first, then its grammar. */
    void line(String prefix, String subject, boolean quote, String value, Grammar grammar) {
      if (ControlCharacters.checkLine(prefix, value).isEmpty() && grammar.check(prefix, value, versions).isEmpty()) {
        return;
      }
      String what = what(prefix, subject, quote);
      Optional<Problem> control = ControlCharacters.checkLine(what, value);
      problems.add(control.isPresent() ? control.get().detail() : grammar.check(what, value, versions).orElseThrow());
    }

    /** Declared free text (line feed and tab allowed). */
    void text(String prefix, String subject, boolean quote, String value) {
      if (ControlCharacters.checkText(prefix, value).isPresent()) {
        problems.add(ControlCharacters.checkText(what(prefix, subject, quote), value).orElseThrow().detail());
      }
    }

    private static String what(String prefix, String subject, boolean quote) {
      return subject == null ? prefix
          : prefix + (quote ? ControlCharacters.quote(subject) : ControlCharacters.shown(subject));
    }
  }
}
