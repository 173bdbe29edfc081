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
 * One contribution a feature declares, as its report and the messages about it name it. The
 * message parts ({@link #what}, {@link #register}, {@link #annotation}) are made when a message
 * needs them: every start lists every declared contribution, and almost none needs a message.
 *
 * @param name the tool, hook or task name, or the qualified service id
 * @param type a hook's point (its wire name) or a service's type; empty for a tool or task
 */
record Declared(Kind kind, String name, String className, String type) {
  /** Every contribution {@code descriptor} declares: its tools, hooks, tasks and services, in order. */
  static List<Declared> of(FeatureDescriptor descriptor, FeatureSource source) {
    List<Declared> out = new ArrayList<>(descriptor.tools().size() + descriptor.hooks().size()
        + descriptor.backgroundTasks().size() + descriptor.providedServices().size());
    for (ToolDescriptor t : descriptor.tools()) {
      out.add(new Declared(Kind.TOOL, t.name(), t.className(), ""));
    }
    for (HookDescriptor h : descriptor.hooks()) {
      out.add(new Declared(Kind.HOOK, h.name(), h.className(), h.point().wireName()));
    }
    for (TaskDescriptor t : descriptor.backgroundTasks()) {
      out.add(new Declared(Kind.TASK, t.name(), t.className(), ""));
    }
    for (ProvidedService s : descriptor.providedServices()) {
      out.add(new Declared(Kind.SERVICE, source.qualify(s.id()), s.className(), s.type()));
    }
    return out;
  }

  /** {@code tool "A"}, {@code pre_tool_call hook "B"}, {@code background task "C"}, {@code service builtin:c}. */
  String what() {
    return switch (kind) {
      case TOOL -> "tool \"" + name + "\"";
      case HOOK -> type + " hook \"" + name + "\"";
      case TASK -> "background task \"" + name + "\"";
      case SERVICE -> "service " + name;
    };
  }

  /** The call that registers it: one fix of {@code yoi/declared-not-registered}. */
  String register() {
    String instance = "new " + Staging.simpleName(className) + "(..)";
    return switch (kind) {
      case TOOL -> "context.tools().register(" + instance + ")";
      case HOOK -> "context.hooks().register(" + instance + ")";
      case TASK -> "context.backgroundTasks().register(" + instance + ")";
      case SERVICE -> "context.services().provide(" + Staging.simpleName(type) + ".class, " + instance + ")";
    };
  }

  /** The annotation that declares it: the other fix. */
  String annotation() {
    return switch (kind) {
      case TOOL -> "@ToolContribution";
      case HOOK -> "@HookContribution";
      case TASK -> "@BackgroundTaskContribution";
      case SERVICE -> "@ProvidesService";
    };
  }

  /** Its kind and name, unique within one feature. */
  String key() {
    return key(kind, name);
  }

  static String key(Kind kind, String name) {
    return kind.wireName() + "\u0000" + name;
  }
}
