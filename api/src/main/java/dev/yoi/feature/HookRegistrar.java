package dev.yoi.feature;

import dev.yoi.pod.hook.PreRequestHook;
import dev.yoi.pod.hook.PreToolCallHook;
import dev.yoi.pod.hook.ToolResultHook;
import dev.yoi.pod.hook.TurnEndHook;

/** Registers hooks; each must be an instance of a class declared with {@code @HookContribution}. */
public interface HookRegistrar {
  void register(PreRequestHook hook);

  void register(PreToolCallHook hook);

  void register(ToolResultHook hook);

  void register(TurnEndHook hook);
}
