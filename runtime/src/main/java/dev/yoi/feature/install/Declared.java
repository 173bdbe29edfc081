package dev.yoi.feature.install;

import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.HookDescriptor;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.ContributionReport.Kind;
import dev.yoi.feature.FeatureSource;
import java.util.ArrayList;
import java.util.List;

/**
 * One contribution a feature declares, as its report and the messages about it name it.
 *
 * @param name the tool, hook or task name, or the qualified service id
 * @param what {@code tool "A"}, {@code pre_tool_call hook "B"}, {@code service builtin:c}, ...
 * @param register the call that registers it, and the annotation that declares it: the two fixes
 *     of {@code yoi/declared-not-registered}
 */
record Declared(Kind kind, String name, String className, String what, String register, String annotation) {
  /** Every contribution {@code descriptor} declares: its tools, hooks, tasks and services, in order. */
  static List<Declared> of(FeatureDescriptor descriptor, FeatureSource source) {
    List<Declared> out = new ArrayList<>();
    for (ToolDescriptor t : descriptor.tools()) {
      out.add(new Declared(Kind.TOOL, t.name(), t.className(), "tool \"" + t.name() + "\"",
          "context.tools().register(new " + Staging.simpleName(t.className()) + "(..))", "@ToolContribution"));
    }
    for (HookDescriptor h : descriptor.hooks()) {
      out.add(new Declared(Kind.HOOK, h.name(), h.className(), h.point().wireName() + " hook \"" + h.name() + "\"",
          "context.hooks().register(new " + Staging.simpleName(h.className()) + "(..))", "@HookContribution"));
    }
    for (TaskDescriptor t : descriptor.backgroundTasks()) {
      out.add(new Declared(Kind.TASK, t.name(), t.className(), "background task \"" + t.name() + "\"",
          "context.backgroundTasks().register(new " + Staging.simpleName(t.className()) + "(..))",
          "@BackgroundTaskContribution"));
    }
    for (ProvidedService s : descriptor.providedServices()) {
      String id = source.qualify(s.id());
      out.add(new Declared(Kind.SERVICE, id, s.className(), "service " + id, "context.services().provide("
          + Staging.simpleName(s.type()) + ".class, new " + Staging.simpleName(s.className()) + "(..))",
          "@ProvidesService"));
    }
    return out;
  }

  /** Its kind and name, unique within one feature. */
  String key() {
    return key(kind, name);
  }

  static String key(Kind kind, String name) {
    return kind.wireName() + "\u0000" + name;
  }
}
