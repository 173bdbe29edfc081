package dev.yoi.feature.install;

import dev.yoi.descriptor.HookDescriptor;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.task.BackgroundTask;
import dev.yoi.pod.tool.Tool;
import java.util.List;

/**
 * The checked contributions of one successfully installed feature, handed to the Pod in one piece.
 *
 * @param featureId full id, e.g. {@code builtin:task-tools}
 */
public record FeatureContributions(
    String featureId, List<ToolEntry> tools, List<HookEntry> hooks, List<TaskEntry> tasks) {

  public FeatureContributions {
    tools = List.copyOf(tools);
    hooks = List.copyOf(hooks);
    tasks = List.copyOf(tasks);
  }

  /**
   * A tool with what the call path needs: its descriptor (schema) and the class its input decodes to.
   *
   * @param inputType the record class, or {@code JsonNode.class} for free-form input
   */
  public record ToolEntry(String featureId, ToolDescriptor descriptor, Tool<?> tool, Class<?> inputType) {}

  /**
   * A hook; {@code hook} implements the interface of {@code descriptor.point()}.
   */
  public record HookEntry(String featureId, HookDescriptor descriptor, Object hook) {}

  /**
   * A background task, started by the Pod's supervisor after every feature is installed. The
   * notifier and alerts are the feature's own channels, already gated by its grants, for the
   * task's {@code TaskContext}.
   */
  public record TaskEntry(
      String featureId,
      TaskDescriptor descriptor,
      BackgroundTask task,
      ModelNotifier notifier,
      Alerts alerts) {}
}
