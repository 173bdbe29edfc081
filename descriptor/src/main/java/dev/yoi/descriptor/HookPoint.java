package dev.yoi.descriptor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The four fixed points of a turn where hooks run, each tied to one hook interface. */
public enum HookPoint {
  PRE_REQUEST("pre-request", "dev.yoi.pod.hook.PreRequestHook"),
  PRE_TOOL_CALL("pre-tool-call", "dev.yoi.pod.hook.PreToolCallHook"),
  TOOL_RESULT("tool-result", "dev.yoi.pod.hook.ToolResultHook"),
  TURN_END("turn-end", "dev.yoi.pod.hook.TurnEndHook");

  private final String wireName;
  private final String hookInterface;

  HookPoint(String wireName, String hookInterface) {
    this.wireName = wireName;
    this.hookInterface = hookInterface;
  }

  /** The name used in descriptors and reports, e.g. {@code pre-tool-call}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The canonical name of the interface a hook at this point implements. */
  public String hookInterface() {
    return hookInterface;
  }

  @JsonCreator
  public static HookPoint fromWireName(String wireName) {
    for (HookPoint point : values()) {
      if (point.wireName.equals(wireName)) {
        return point;
      }
    }
    throw new IllegalArgumentException("unknown hook point \"" + wireName + "\"");
  }
}
