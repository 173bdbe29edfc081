package dev.yoi.processor.model;

import java.util.List;

/**
 * Names of the runtime types feature authors implement. The processor never depends on the runtime,
 * so it knows them by name only.
 */
public final class AuthorTypes {
  public static final String FEATURE_MODULE = "dev.yoi.feature.FeatureModule";
  public static final String TOOL = "dev.yoi.pod.tool.Tool";
  public static final String BACKGROUND_TASK = "dev.yoi.pod.task.BackgroundTask";
  public static final String PRE_REQUEST_HOOK = "dev.yoi.pod.hook.PreRequestHook";
  public static final String PRE_TOOL_CALL_HOOK = "dev.yoi.pod.hook.PreToolCallHook";
  public static final String TOOL_RESULT_HOOK = "dev.yoi.pod.hook.ToolResultHook";
  public static final String TURN_END_HOOK = "dev.yoi.pod.hook.TurnEndHook";
  public static final List<String> HOOKS =
      List.of(PRE_REQUEST_HOOK, PRE_TOOL_CALL_HOOK, TOOL_RESULT_HOOK, TURN_END_HOOK);

  public static final String TOOL_REGISTRAR = "dev.yoi.feature.ToolRegistrar";
  public static final String HOOK_REGISTRAR = "dev.yoi.feature.HookRegistrar";
  public static final String TASK_REGISTRAR = "dev.yoi.feature.TaskRegistrar";
  public static final String SERVICE_BINDER = "dev.yoi.feature.ServiceBinder";
  public static final String INSTALL_CONTEXT = "dev.yoi.feature.InstallContext";
  public static final String GENERATED_FEATURE = "dev.yoi.feature.GeneratedFeature";

  public static final String JSON_NODE = "com.fasterxml.jackson.databind.JsonNode";

  private AuthorTypes() {}
}
