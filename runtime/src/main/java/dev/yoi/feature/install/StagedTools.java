package dev.yoi.feature.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.Grants;
import dev.yoi.feature.ToolRegistrar;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.install.FeatureContributions.ToolEntry;
import dev.yoi.feature.report.Diagnostics;
import dev.yoi.pod.tool.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A feature's tool registrations: each checked (declared by this feature, registered once, its
 * name free across the host, the authorities it requires granted) and staged. A tool whose
 * optional authority was denied is accepted and skipped.
 */
final class StagedTools implements ToolRegistrar {
  private final Staging staging;
  private final Grants grants;
  private final ToolNames installed;
  private final Map<String, String> skipped;
  private final ClassLoader featureLoader;
  private final Map<String, ToolEntry> tools = new LinkedHashMap<>();
  /** Tools registered and skipped (an optional authority was denied), with why. */
  private final Map<String, String> skippedRegistered = new LinkedHashMap<>();

  /**
   * @param installed the names the tools of features installed before hold
   * @param skipped tool name to why it is skipped (an optional authority was denied)
   */
  StagedTools(Staging staging, Grants grants, ToolNames installed, Map<String, String> skipped, ClassLoader featureLoader) {
    this.staging = staging;
    this.grants = grants;
    this.installed = installed;
    this.skipped = skipped;
    this.featureLoader = featureLoader;
  }

  /** A tool by its class, as a feature's install registers it. */
  @Override
  public void register(Tool<?> tool) {
    synchronized (staging) {
      staging.checkOpen("tool");
      staging.requireInstance(tool, "tool", "@ToolContribution");
      Class<?> type = tool.getClass();
      ToolDescriptor declared = null;
      for (ToolDescriptor t : staging.descriptor().tools()) {
        if (t.className().equals(type.getName())) {
          declared = t;
          break;
        }
      }
      if (declared == null) {
        List<String> listed = new ArrayList<>();
        for (ToolDescriptor t : staging.descriptor().tools()) {
          listed.add("\"" + t.name() + "\" (" + t.className() + ")");
        }
        throw staging.undeclared(tool, "tool", "@ToolContribution", listed);
      }
      // Its input type comes from where the tool class came from.
      stage(declared, tool, type.getClassLoader() != null ? type.getClassLoader() : featureLoader);
    }
  }

  /** A declared tool by its name: one with no class of its own, such as a proxy. */
  void register(String name, Tool<?> tool) {
    synchronized (staging) {
      staging.checkOpen("tool");
      String id = staging.featureId();
      if (name == null || tool == null) {
        throw staging.reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + id
            + " registered a tool with a null " + (name == null ? "name" : "implementation") + ".");
      }
      List<ToolDescriptor> declaredTools = staging.descriptor().tools();
      ToolDescriptor declared = null;
      for (ToolDescriptor t : declaredTools) {
        if (t.name().equals(name)) {
          declared = t;
          break;
        }
      }
      if (declared == null) {
        throw staging.reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + id + " registered a tool"
            + " as \"" + name + "\", but declares no tool of that name. Declared: "
            + (declaredTools.isEmpty() ? "none"
                : String.join(", ", declaredTools.stream().map(t -> "\"" + t.name() + "\"").toList()))
            + ". Only the tools a person approved in the descriptor can be registered.");
      }
      stage(declared, tool, featureLoader);
    }
  }

  private void stage(ToolDescriptor declared, Tool<?> tool, ClassLoader inputLoader) {
    String id = staging.featureId();
    Class<?> type = tool.getClass();
    String name = declared.name();
    staging.once(tools, "tool", name, tool, "register each declared tool once");
    staging.once(skippedRegistered, "tool", name, tool, "register each declared tool once");
    Optional<ToolNames.Owner> owner = installed.owner(staging.source(), name);
    if (owner.isPresent()) {
      List<String> parties = Stream.of(owner.get().toString(), id + "  " + type.getName()).sorted().toList();
      throw staging.reject(DiagnosticCode.DUPLICATE_CONTRIBUTION, "tool \"" + name + "\" is contributed twice:"
          + Diagnostics.lines(parties)
          + "\n  Tool names are model-visible and must be unique across all installed features. "
          + owner.get().featureId() + " installed first, so " + id
          + " is not installed. Rename one of them (ToolContribution.name) or disable one feature"
          + " in the manifest.");
    }
    if (skipped.containsKey(name)) {
      skippedRegistered.put(name, skipped.get(name));
      return;
    }
    for (AuthorityKind kind : declared.requires()) {
      if (!grants.hasAny(kind)) {
        throw staging.reject(DiagnosticCode.AUTHORITY_DENIED, "feature " + id + " registered tool \"" + name
            + "\", which requires " + kind + ", but the feature holds no " + kind + " grant (granted: "
            + grants.granted() + "). Request it with @RequiresAuthority(value = AuthorityKind." + kind
            + ", reason = \"...\") on the feature class.");
      }
    }
    tools.put(name, entry(declared, tool, inputLoader));
  }

  /**
   * The tool's entry, its input class to be loaded from {@code inputLoader} on the tool's first
   * call. Nothing is looked up now: even a resource lookup walks every parent loader (it cost more
   * than loading the class at 10,000 features). The processor compiles the input type with the
   * tool, so a missing one means a broken jar, reported on the first call.
   */
  private ToolEntry entry(ToolDescriptor declared, Tool<?> tool, ClassLoader inputLoader) {
    String id = staging.featureId();
    if (declared.inputType().equals(JsonNode.class.getName())) {
      return new ToolEntry(id, declared, tool, JsonNode.class);
    }
    return ToolEntry.loadingInputFrom(id, declared, tool, inputLoader);
  }

  /** The staged tools, in registration order. */
  List<ToolEntry> staged() {
    synchronized (staging) {
      return List.copyOf(tools.values());
    }
  }
}
