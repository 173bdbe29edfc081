package dev.yoi.descriptor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a feature runs. The registry installs the JVM kinds itself; {@code mcp_bridge} installs in a
 * host that registers the {@code yoi-mcp} installer (the {@code yoi} CLI does); the others are
 * described, reported and refused with {@code yoi/runtime-unsupported}.
 */
public enum RuntimeKind {
  BUILTIN("builtin", true),
  JVM_PLUGIN("jvm_plugin", true),
  DECLARATIVE("declarative", false),
  MCP_BRIDGE("mcp_bridge", true),
  WASM("wasm", false);

  private final String wireName;
  private final boolean supported;

  RuntimeKind(String wireName, boolean supported) {
    this.wireName = wireName;
    this.supported = supported;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /**
   * Whether the yoi hosts can install features of this kind (a Pod still needs the kind's
   * installer: the registry refuses a kind no installer claims, whatever this says).
   */
  public boolean supported() {
    return supported;
  }

  @JsonCreator
  public static RuntimeKind fromWireName(String wireName) {
    for (RuntimeKind kind : values()) {
      if (kind.wireName.equals(wireName)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown runtime kind \"" + wireName + "\"");
  }
}
