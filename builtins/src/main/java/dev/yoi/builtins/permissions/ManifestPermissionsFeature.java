package dev.yoi.builtins.permissions;

import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.feature.annotation.HookContribution;
import dev.yoi.feature.annotation.RequiresAuthority;
import dev.yoi.pod.hook.PreToolCallDecision;
import dev.yoi.pod.hook.PreToolCallHook;
import dev.yoi.pod.hook.ToolCallView;
import dev.yoi.pod.manifest.ManifestView;
import java.util.List;

/** Enforces the Pod manifest's {@code tools.allow} / {@code tools.deny} globs before every tool call. */
@Feature(
    id = "manifest-permissions",
    name = "Manifest tool permissions",
    description = "Refuses tool calls the Pod manifest does not allow; deny rules win over allow rules.")
@RequiresAuthority(
    value = AuthorityKind.POD_MANAGEMENT,
    reason = "Reads the tool allow and deny rules from the Pod manifest to enforce them")
public final class ManifestPermissionsFeature implements FeatureModule {

  @Override
  public void install(InstallContext context) {
    context.hooks().register(new EnforceToolRules(context.manifest()));
  }

  /** Runs before every other pre-tool-call hook, so nothing sees a call the manifest refuses. */
  @HookContribution(name = "enforce-tool-rules", order = Integer.MIN_VALUE)
  static final class EnforceToolRules implements PreToolCallHook {
    private final ManifestView manifest;
    // Recompiled only when the manifest's lists change.
    private volatile ToolRules rules = ToolRules.of(List.of(), List.of());

    EnforceToolRules(ManifestView manifest) {
      this.manifest = manifest;
    }

    @Override
    public PreToolCallDecision beforeToolCall(ToolCallView call) {
      return current().refusal(call.toolName())
          .map(PreToolCallDecision::deny)
          .orElse(PreToolCallDecision.allow());
    }

    private ToolRules current() {
      ToolRules seen = rules;
      List<String> allow = manifest.allowTools();
      List<String> deny = manifest.denyTools();
      if (seen.compiledFrom(allow, deny)) {
        return seen;
      }
      ToolRules fresh = ToolRules.of(allow, deny);
      rules = fresh;
      return fresh;
    }
  }
}
