package dev.yoi.descriptor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a feature runs. Only the JVM kinds install today; the others are described, reported and
 * refused with {@code yoi/runtime-unsupported}.
 */
public enum RuntimeKind {
  BUILTIN("builtin", true),
  JVM_PLUGIN("jvm_plugin", true),
  DECLARATIVE("declarative", false),
  MCP_BRIDGE("mcp_bridge", false),
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

  /** Whether this runtime can install features of this kind. */
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
