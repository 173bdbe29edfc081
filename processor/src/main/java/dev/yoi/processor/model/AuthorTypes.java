package dev.yoi.processor.model;

import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.GeneratedFeature;
import dev.yoi.feature.HookRegistrar;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.ServiceBinder;
import dev.yoi.feature.TaskRegistrar;
import dev.yoi.feature.ToolRegistrar;
import dev.yoi.pod.hook.PreRequestHook;
import dev.yoi.pod.hook.PreToolCallHook;
import dev.yoi.pod.hook.ToolResultHook;
import dev.yoi.pod.hook.TurnEndHook;
import dev.yoi.pod.task.BackgroundTask;
import dev.yoi.pod.tool.Tool;
import java.util.List;

/**
 * Names of the author types (module {@code api}) feature authors implement, taken from the classes
 * themselves so that a rename cannot leave a stale string here. The processor compares them with
 * the names javac sees; it never depends on the runtime.
 */
public final class AuthorTypes {
  public static final String FEATURE_MODULE = FeatureModule.class.getName();
  public static final String TOOL = Tool.class.getName();
  public static final String BACKGROUND_TASK = BackgroundTask.class.getName();
  public static final String PRE_REQUEST_HOOK = PreRequestHook.class.getName();
  public static final String PRE_TOOL_CALL_HOOK = PreToolCallHook.class.getName();
  public static final String TOOL_RESULT_HOOK = ToolResultHook.class.getName();
  public static final String TURN_END_HOOK = TurnEndHook.class.getName();
  public static final List<String> HOOKS =
      List.of(PRE_REQUEST_HOOK, PRE_TOOL_CALL_HOOK, TOOL_RESULT_HOOK, TURN_END_HOOK);

  public static final String TOOL_REGISTRAR = ToolRegistrar.class.getName();
  public static final String HOOK_REGISTRAR = HookRegistrar.class.getName();
  public static final String TASK_REGISTRAR = TaskRegistrar.class.getName();
  public static final String SERVICE_BINDER = ServiceBinder.class.getName();
  public static final String INSTALL_CONTEXT = InstallContext.class.getName();
  public static final String GENERATED_FEATURE = GeneratedFeature.class.getName();

  /** Jackson's tree type: free-form tool input. A name only: the processor does not load Jackson's classes for it. */
  public static final String JSON_NODE = "com.fasterxml.jackson.databind.JsonNode";

  private AuthorTypes() {}
}
