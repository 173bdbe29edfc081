package dev.yoi.feature;

import dev.yoi.pod.tool.Tool;

/** Registers tools; each must be an instance of a class declared with {@code @ToolContribution}. */
public interface ToolRegistrar {
  /** @throws RegistrationRejectedException if undeclared, duplicate or missing an authority */
  void register(Tool<?> tool);
}
