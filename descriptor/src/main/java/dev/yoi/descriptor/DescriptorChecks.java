package dev.yoi.descriptor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks a descriptor read from an index must pass: the same rules the processor enforces on
 * source, applied again because an index may come from anywhere.
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
    add(problems, Names.checkSlug("feature id", d.slug()));
    add(problems, versions.version("version of feature " + d.slug(), d.version()));
    Set<String> seen = new HashSet<>();
    for (ToolDescriptor tool : d.tools()) {
      add(problems, Names.checkToolName("tool name", tool.name()));
      if (!seen.add(tool.name())) {
        problems.add("tool \"" + tool.name() + "\" is declared twice");
      }
      if (!tool.schemaTree().isObject()) {
        problems.add("tool \"" + tool.name() + "\" has an input schema that is not an object");
      }
    }
    seen.clear();
    for (HookDescriptor hook : d.hooks()) {
      add(problems, Names.checkToolName("hook name", hook.name()));
      if (!seen.add(hook.name())) {
        problems.add("hook \"" + hook.name() + "\" is declared twice");
      }
    }
    seen.clear();
    for (TaskDescriptor task : d.backgroundTasks()) {
      add(problems, Names.checkToolName("task name", task.name()));
      add(problems, Names.checkDuration("every of task " + task.name(), task.every()));
      if (!seen.add(task.name())) {
        problems.add("task \"" + task.name() + "\" is declared twice");
      }
    }
    seen.clear();
    for (ProvidedService service : d.providedServices()) {
      add(problems, Names.checkSlug("service id", service.id()));
      add(problems, versions.version("version of service " + service.id(), service.version()));
      if (!seen.add(service.id())) {
        problems.add("service \"" + service.id() + "\" is provided twice");
      }
    }
    for (RequiredService service : d.requiredServices()) {
      add(problems, Names.checkQualifiedId("required service id", service.id()));
      add(problems, versions.range("range for " + service.id(), service.version()));
    }
    for (AuthorityRequest request : d.authorities()) {
      if (request.kind().scopeRequired() && request.scope().isEmpty()) {
        problems.add(request.kind() + " needs a scope");
      }
    }
    McpServerChecks.check(d, problems);
    return problems;
  }

  private static void add(List<String> problems, Optional<String> problem) {
    problem.ifPresent(problems::add);
  }
}
