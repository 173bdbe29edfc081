package dev.yoi.bench.hotpath;

import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.feature.annotation.ToolContribution;
import dev.yoi.pod.tool.Tool;
import dev.yoi.pod.tool.ToolContext;
import dev.yoi.pod.tool.ToolResult;
import java.util.Optional;

/** The hot-path benchmark's tool: a record input, like the synthetic features' tools. */
@Feature(id = "hot-echo", name = "Hot-path echo", description = "The tool the hot-path benchmark calls")
public final class EchoFeature implements FeatureModule {
  public static final String TOOL = "hot_echo";

  @Override
  public void install(InstallContext context) {
    context.tools().register(new Echo());
  }

  @ToolContribution(name = TOOL, description = "Returns the key it was given")
  public static final class Echo implements Tool<Echo.Input> {
    public record Input(String key, Optional<Integer> limit) {}

    @Override
    public ToolResult call(Input input, ToolContext context) {
      return ToolResult.text(input.key());
    }
  }
}
