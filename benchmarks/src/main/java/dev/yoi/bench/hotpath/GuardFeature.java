package dev.yoi.bench.hotpath;

import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.feature.annotation.HookContribution;
import dev.yoi.pod.hook.PreToolCallDecision;
import dev.yoi.pod.hook.PreToolCallHook;
import dev.yoi.pod.hook.ToolCallView;

/**
 * Four pre-tool-call hooks, each looking at the call as a permission hook would and allowing it:
 * what the hot-path benchmark puts in front of every call.
 */
@Feature(id = "hot-guards", name = "Hot-path guards", description = "Four pre-tool-call hooks that allow")
public final class GuardFeature implements FeatureModule {
  public static final int HOOKS = 4;

  @Override
  public void install(InstallContext context) {
    context.hooks().register(new First());
    context.hooks().register(new Second());
    context.hooks().register(new Third());
    context.hooks().register(new Fourth());
  }

  static PreToolCallDecision check(ToolCallView call, char forbidden) {
    return call.toolName().indexOf(forbidden) >= 0
        ? PreToolCallDecision.deny("tool names with '" + forbidden + "' are not allowed")
        : PreToolCallDecision.allow();
  }

  @HookContribution(name = "first", order = 1)
  public static final class First implements PreToolCallHook {
    @Override
    public PreToolCallDecision beforeToolCall(ToolCallView call) {
      return check(call, '!');
    }
  }

  @HookContribution(name = "second", order = 2)
  public static final class Second implements PreToolCallHook {
    @Override
    public PreToolCallDecision beforeToolCall(ToolCallView call) {
      return check(call, '?');
    }
  }

  @HookContribution(name = "third", order = 3)
  public static final class Third implements PreToolCallHook {
    @Override
    public PreToolCallDecision beforeToolCall(ToolCallView call) {
      return check(call, '#');
    }
  }

  @HookContribution(name = "fourth", order = 4)
  public static final class Fourth implements PreToolCallHook {
    @Override
    public PreToolCallDecision beforeToolCall(ToolCallView call) {
      return check(call, '$');
    }
  }
}
