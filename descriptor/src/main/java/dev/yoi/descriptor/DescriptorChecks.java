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
  private DescriptorChecks() {}

  /** Every problem found, as sentences; empty when the descriptor is well-formed. */
  public static List<String> check(FeatureDescriptor d) {
    return check(d, new VersionChecks());
  }

  /** {@link #check(FeatureDescriptor)}, with versions and ranges checked through {@code versions}. */
  public static List<String> check(FeatureDescriptor d, VersionChecks versions) {
    List<String> problems = new ArrayList<>();
    line(problems, "feature id", d.slug(), Names::checkSlug);
    String feature = ControlCharacters.shown(d.slug());
    line(problems, "name of feature " + feature, d.name(), none());
    line(problems, "version of feature " + feature, d.version(), versions::version);
    text(problems, "description of feature " + feature, d.description());
    line(problems, "class of feature " + feature, d.featureClass(), none());
    Set<String> seen = new HashSet<>();
    for (ToolDescriptor tool : d.tools()) {
      line(problems, "tool name", tool.name(), Names::checkToolName);
      String name = ControlCharacters.quote(tool.name());
      text(problems, "description of tool " + name, tool.description());
      line(problems, "class of tool " + name, tool.className(), none());
      line(problems, "input type of tool " + name, tool.inputType(), none());
      if (!seen.add(tool.name())) {
        problems.add("tool " + name + " is declared twice");
      }
      if (!tool.schemaTree().isObject()) {
        problems.add("tool " + name + " has an input schema that is not an object");
      }
    }
    seen.clear();
    for (HookDescriptor hook : d.hooks()) {
      line(problems, "hook name", hook.name(), Names::checkToolName);
      String name = ControlCharacters.quote(hook.name());
      line(problems, "class of hook " + name, hook.className(), none());
      if (!seen.add(hook.name())) {
        problems.add("hook " + name + " is declared twice");
      }
    }
    seen.clear();
    for (TaskDescriptor task : d.backgroundTasks()) {
      line(problems, "task name", task.name(), Names::checkToolName);
      String name = ControlCharacters.quote(task.name());
      text(problems, "description of task " + name, task.description());
      line(problems, "every of task " + ControlCharacters.shown(task.name()), task.every(),
          Names::checkDuration);
      line(problems, "class of task " + name, task.className(), none());
      if (!seen.add(task.name())) {
        problems.add("task " + name + " is declared twice");
      }
    }
    seen.clear();
    for (ProvidedService service : d.providedServices()) {
      line(problems, "service id", service.id(), Names::checkSlug);
      String id = ControlCharacters.shown(service.id());
      line(problems, "version of service " + id, service.version(), versions::version);
      line(problems, "type of service " + id, service.type(), none());
      line(problems, "class of service " + id, service.className(), none());
      if (!seen.add(service.id())) {
        problems.add("service " + ControlCharacters.quote(service.id()) + " is provided twice");
      }
    }
    for (RequiredService service : d.requiredServices()) {
      line(problems, "required service id", service.id(), Names::checkQualifiedId);
      String id = ControlCharacters.shown(service.id());
      line(problems, "range for " + id, service.version(), versions::range);
      line(problems, "type of required service " + id, service.type(), none());
      text(problems, "reason for required service " + id, service.reason());
    }
    for (AuthorityRequest request : d.authorities()) {
      AuthorityScopes.check(request.kind(), request.scope())
          .ifPresent(problem -> problems.add(problem.detail()));
      text(problems, "reason for " + request.kind(), request.reason());
    }
    McpServerChecks.check(d, problems);
    return problems;
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

  private static void line(List<String> problems, String what, String value,
      BiFunction<String, String, Optional<String>> grammar) {
    line(what, value, DiagnosticCode.INDEX_CORRUPT, grammar).ifPresent(p -> problems.add(p.detail()));
  }

  private static void text(List<String> problems, String what, String value) {
    ControlCharacters.checkText(what, value).ifPresent(problem -> problems.add(problem.detail()));
  }

  private static BiFunction<String, String, Optional<String>> none() {
    return (what, value) -> Optional.empty();
  }
}
