package dev.yoi.cli.demo;

import dev.yoi.pod.LlmResponse;
import dev.yoi.pod.LlmResponse.ToolCallRequest;
import dev.yoi.pod.ScriptedLlmClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's conversation: two user turns and what the scripted model answers. Between them it
 * uses a tool of every feature (the bridged MCP server's {@code echo} too, when there is one), is
 * refused one call by the manifest, and leaves a task in progress for a whole turn so that
 * task-reminders speaks up.
 */
final class DemoScript {
  static final List<String> USER_TURNS = List.of(
      "I'm flying to Lisbon on Friday. Help me get ready, and remember the trip.",
      "Thanks! What do you remember about my trip? Then forget it, please.");

  private DemoScript() {}

  /** The call through the bridged MCP server (server-everything's {@code echo}). */
  static final ToolCallRequest BRIDGED = new ToolCallRequest("echo", "{\"message\":\"Lisbon, flying out on Friday\"}");

  /** @param bridged whether the Pod has the bridged server's tools, so the model calls one */
  static ScriptedLlmClient model(boolean bridged) {
    List<ToolCallRequest> secondTurn = new ArrayList<>(List.of(
        new ToolCallRequest("MemorySearch", "{\"query\":\"lisbon\"}"),
        new ToolCallRequest("MemoryDelete", "{\"key\":\"trip\"}")));
    if (bridged) {
      secondTurn.add(BRIDGED);
    }
    secondTurn.add(new ToolCallRequest("JournalRead", "{\"last\":3}"));
    return new ScriptedLlmClient(
        // Turn 1.
        new LlmResponse("Let me set that up.", List.of(
            new ToolCallRequest("TaskCreate", "{\"subject\":\"Pack for Lisbon\",\"description\":\"Flight on Friday\"}"),
            new ToolCallRequest("TaskUpdate", "{\"id\":\"1\",\"status\":\"IN_PROGRESS\"}"),
            new ToolCallRequest("WeatherForecast", "{\"city\":\"Lisbon\",\"days\":3}"),
            new ToolCallRequest("MemoryWrite", "{\"key\":\"trip\",\"content\":\"Lisbon, flying out on Friday\"}"))),
        LlmResponse.text("Packing is in progress, the forecast is above, and the trip is saved."),
        // Turn 2.
        new LlmResponse("", secondTurn),
        LlmResponse.text("You're flying to Lisbon on Friday. I could not forget it: this Pod's manifest"
            + " denies MemoryDelete."));
  }
}
