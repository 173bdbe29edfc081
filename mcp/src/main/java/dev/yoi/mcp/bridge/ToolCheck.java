package dev.yoi.mcp.bridge;

import dev.yoi.feature.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one {@code tools/list} means for a pinned feature: the state of every declared tool, the
 * server's tools that are not declared, and one diagnostic per problem.
 *
 * @param tools every declared tool by name, in declaration order
 * @param undeclared the server's tools the descriptor does not declare (never registered)
 * @param diagnostics {@code yoi/mcp-drift}, {@code yoi/declared-not-registered} and
 *     {@code yoi/undeclared-contribution}, one per tool
 */
public record ToolCheck(Map<String, ToolStatus> tools, List<String> undeclared, List<Diagnostic> diagnostics) {
  public ToolCheck {
    tools = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tools));
    undeclared = List.copyOf(undeclared);
    diagnostics = List.copyOf(diagnostics);
  }

  /** The state of declared tool {@code name}. */
  public Optional<ToolStatus> tool(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  /** The declared tools that answer calls. */
  public List<String> active() {
    return tools.values().stream().filter(t -> t.state() == ToolStatus.State.ACTIVE).map(ToolStatus::name).toList();
  }

  /**
   * One declared tool.
   *
   * @param name the tool
   * @param state whether calls reach the server
   * @param difference for a drifted tool, the exact difference, one change per line; else empty
   */
  public record ToolStatus(String name, State state, List<String> difference) {
    public ToolStatus {
      difference = List.copyOf(difference);
    }

    /** Whether a declared tool answers. */
    public enum State {
      /** Listed exactly as pinned: calls go to the server. */
      ACTIVE,
      /** Listed with another description or input schema: disabled, every call an error result. */
      DRIFTED,
      /** Not listed: every call an error result. */
      MISSING
    }
  }
}
