package dev.yoi.feature.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.descriptor.HookDescriptor;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.task.BackgroundTask;
import dev.yoi.pod.tool.Tool;
import java.util.List;
import java.util.Objects;

/**
 * The checked contributions of one successfully installed feature, handed to the host in one
 * piece ({@link HostSurfaces#commit}).
 *
 * @param featureId full id, e.g. {@code builtin:task-tools}
 * @param services the services it provides, for the host to list (the registry binds them and
 *     hands them to consumers; the host never does)
 * @param resources what the feature's runtime installer asked to be closed with the feature
 *     ({@code RuntimeFeature.closeWith}): the host closes them, last first, when it closes, after
 *     its tasks have stopped
 */
public record FeatureContributions(
    String featureId, List<ToolEntry> tools, List<HookEntry> hooks, List<TaskEntry> tasks,
    List<ServiceEntry> services, List<AutoCloseable> resources) {

  public FeatureContributions {
    Objects.requireNonNull(featureId, "featureId");
    tools = List.copyOf(tools);
    hooks = List.copyOf(hooks);
    tasks = List.copyOf(tasks);
    services = List.copyOf(services);
    resources = List.copyOf(resources);
  }

  /**
   * Closes {@link #resources}, the last first. One that throws does not keep the others open; what
   * it throws is dropped: the feature is gone (rolled back, or its host closing), and so is
   * everything the resource could still have done.
   */
  public void closeResources() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // See above: nothing is left to act on it.
      }
    }
  }

  /** Tools, hooks and tasks; no service, nothing to close. */
  public FeatureContributions(String featureId, List<ToolEntry> tools, List<HookEntry> hooks, List<TaskEntry> tasks) {
    this(featureId, tools, hooks, tasks, List.of(), List.of());
  }

  /**
   * A tool with what the call path needs: its descriptor (schema) and the class its input decodes
   * to. The installer resolves that class lazily: loading every tool's input record at start would
   * read and define thousands of classes for tools that may never be called.
   */
  public static final class ToolEntry {
    private final String featureId;
    private final ToolDescriptor descriptor;
    private final Tool<?> tool;
    private final ClassLoader loader;
    private volatile Class<?> inputType;

    /**
     * A tool whose input class is known.
     *
     * @param inputType the record class, or {@code JsonNode.class} for free-form input
     */
    public ToolEntry(String featureId, ToolDescriptor descriptor, Tool<?> tool, Class<?> inputType) {
      this(featureId, descriptor, tool, null, inputType);
    }

    private ToolEntry(String featureId, ToolDescriptor descriptor, Tool<?> tool, ClassLoader loader,
        Class<?> inputType) {
      this.featureId = Objects.requireNonNull(featureId, "featureId");
      this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
      this.tool = tool;
      this.loader = loader;
      this.inputType = inputType;
    }

    /** A tool whose input class, {@code descriptor.inputType()}, is loaded from {@code loader} on first use. */
    public static ToolEntry loadingInputFrom(
        String featureId, ToolDescriptor descriptor, Tool<?> tool, ClassLoader loader) {
      return new ToolEntry(featureId, descriptor, tool, Objects.requireNonNull(loader, "loader"), null);
    }

    public String featureId() {
      return featureId;
    }

    public ToolDescriptor descriptor() {
      return descriptor;
    }

    public Tool<?> tool() {
      return tool;
    }

    /** The input class's binary name, without loading it; empty if none is known. */
    public String inputTypeName() {
      Class<?> known = inputType;
      return known != null ? known.getName() : loader != null ? descriptor.inputType() : "";
    }

    /**
     * The record class, or {@code JsonNode.class} for free-form input; null if none is known.
     *
     * @throws IllegalStateException if it is loaded now and cannot be
     */
    public Class<?> inputType() {
      Class<?> known = inputType;
      if (known != null || loader == null) {
        return known;
      }
      String name = descriptor.inputType();
      try {
        known = name.equals(JsonNode.class.getName()) ? JsonNode.class : Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("the input type " + name + " of tool \"" + descriptor.name()
            + "\" (feature " + featureId + ") cannot be loaded (" + e + "); rebuild the module so its"
            + " classes match its index", e);
      }
      inputType = known;
      return known;
    }

    @Override
    public String toString() {
      return "ToolEntry[featureId=" + featureId + ", tool=" + descriptor.name() + ", inputType="
          + inputTypeName() + "]";
    }
  }

  /**
   * A hook; {@code hook} implements the interface of {@code descriptor.point()}. The notifier is
   * the feature's own, already gated by its grants: where the host sends a pre-request hook's
   * abort reason, so the reason reaches the model only as the feature's note, and only with
   * {@code MODEL_NOTIFICATION}.
   */
  public record HookEntry(String featureId, HookDescriptor descriptor, Object hook, ModelNotifier notifier) {}

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

  /**
   * A service the feature provides, as the host lists it.
   *
   * @param id qualified by the provider's source, e.g. {@code builtin:task-store}
   * @param version the provider's SemVer version of it
   * @param type the canonical name of the interface it is provided as
   * @param privileged whether consumers need {@code SERVICE_ACCESS:<id>}
   */
  public record ServiceEntry(String id, String version, String type, boolean privileged) {}
}
