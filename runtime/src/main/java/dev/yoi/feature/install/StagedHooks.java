package dev.yoi.feature.install;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.HookDescriptor;
import dev.yoi.descriptor.HookPoint;
import dev.yoi.feature.HookRegistrar;
import dev.yoi.feature.install.FeatureContributions.HookEntry;
import dev.yoi.pod.hook.PreRequestHook;
import dev.yoi.pod.hook.PreToolCallHook;
import dev.yoi.pod.hook.ToolResultHook;
import dev.yoi.pod.hook.TurnEndHook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feature's hook registrations: each declared by this feature at this point, registered once,
 * each with the feature's own (grant-gated) notifier.
 */
final class StagedHooks implements HookRegistrar {
  private final Staging staging;
  private final FeatureChannels channels;
  private final Map<String, HookEntry> hooks = new LinkedHashMap<>();

  StagedHooks(Staging staging, FeatureChannels channels) {
    this.staging = staging;
    this.channels = channels;
  }

  @Override
  public void register(PreRequestHook hook) {
    stage(hook, HookPoint.PRE_REQUEST);
  }

  @Override
  public void register(PreToolCallHook hook) {
    stage(hook, HookPoint.PRE_TOOL_CALL);
  }

  @Override
  public void register(ToolResultHook hook) {
    stage(hook, HookPoint.TOOL_RESULT);
  }

  @Override
  public void register(TurnEndHook hook) {
    stage(hook, HookPoint.TURN_END);
  }

  private void stage(Object hook, HookPoint point) {
    synchronized (staging) {
      staging.checkOpen("hook");
      String id = staging.featureId();
      staging.requireInstance(hook, point.wireName() + " hook", "@HookContribution");
      HookDescriptor declared = null;
      for (HookDescriptor h : staging.descriptor().hooks()) {
        if (h.className().equals(hook.getClass().getName())) {
          declared = h;
          break;
        }
      }
      if (declared == null) {
        List<String> listed = new ArrayList<>();
        for (HookDescriptor h : staging.descriptor().hooks()) {
          listed.add("\"" + h.name() + "\" " + h.point().wireName() + " (" + h.className() + ")");
        }
        throw staging.undeclared(hook, point.wireName() + " hook", "@HookContribution", listed);
      }
      if (declared.point() != point) {
        throw staging.reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + id + " registered "
            + hook.getClass().getName() + " as a " + point.wireName() + " hook, but it is declared as hook \""
            + declared.name() + "\" at " + declared.point().wireName() + ". Register it through the "
            + declared.point().hookInterface() + " overload.");
      }
      staging.once(hooks, "hook", declared.name(), hook, "register each declared hook once");
      hooks.put(declared.name(), new HookEntry(id, declared, hook, channels.notifier()));
    }
  }

  /** The staged hooks, in registration order. */
  List<HookEntry> staged() {
    synchronized (staging) {
      return List.copyOf(hooks.values());
    }
  }
}
