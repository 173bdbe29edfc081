package dev.yoi.pod.history;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * One item of the conversation, as the model sees it. Each is one line of the history file:
 * <pre>{@code
 * {"type":"user_message","text":"What is on my list?"}
 * {"type":"assistant_message","text":"Let me look."}
 * {"type":"tool_call","callId":"call-1","toolName":"TaskList","inputJson":"{}"}
 * {"type":"tool_result","callId":"call-1","toolName":"TaskList","text":"[]","error":false}
 * {"type":"system_item","featureId":"builtin:task-reminders","text":"2 tasks are stale"}
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = HistoryEntry.UserMessage.class, name = "user_message"),
  @JsonSubTypes.Type(value = HistoryEntry.AssistantMessage.class, name = "assistant_message"),
  @JsonSubTypes.Type(value = HistoryEntry.ToolCall.class, name = "tool_call"),
  @JsonSubTypes.Type(value = HistoryEntry.ToolResult.class, name = "tool_result"),
  @JsonSubTypes.Type(value = HistoryEntry.SystemItem.class, name = "system_item")
})
public sealed interface HistoryEntry {

  /** What the person said; starts a turn. */
  record UserMessage(String text) implements HistoryEntry {
    public UserMessage {
      Objects.requireNonNull(text, "text");
    }
  }

  /** What the model said. */
  record AssistantMessage(String text) implements HistoryEntry {
    public AssistantMessage {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A tool call the model (or the host) made; exactly one {@link ToolResult} with the same
   * {@code callId} follows it.
   *
   * @param inputJson the input exactly as given, as JSON text
   */
  record ToolCall(String callId, String toolName, String inputJson) implements HistoryEntry {
    public ToolCall {
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(toolName, "toolName");
      Objects.requireNonNull(inputJson, "inputJson");
    }
  }

  /**
   * The one result of the tool call {@code callId}.
   *
   * @param error whether the model sees it as an error result
   */
  record ToolResult(String callId, String toolName, String text, boolean error) implements HistoryEntry {
    public ToolResult {
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(toolName, "toolName");
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A note for the model: a feature's notification, or the host's own (empty {@code featureId}),
   * such as a turn aborted by a hook.
   */
  record SystemItem(String featureId, String text) implements HistoryEntry {
    public SystemItem {
      featureId = featureId == null ? "" : featureId;
      Objects.requireNonNull(text, "text");
    }
  }
}
