package dev.yoi.cli.demo;

import dev.yoi.cli.text.TerminalText;
import dev.yoi.cli.text.TextTable;
import dev.yoi.pod.history.HistoryEntry;
import java.util.List;

/**
 * A history as a person reads it: one numbered entry per line, long text wrapped. The text is the
 * model's, a tool's or a feature's, so it is data ({@link TerminalText}): its own lines start under
 * the text column, never where an entry number does.
 */
final class HistoryText {
  private static final int TEXT_COLUMN = 19;

  private HistoryText() {}

  static String render(List<HistoryEntry> entries) {
    StringBuilder out = new StringBuilder();
    int number = 0;
    for (HistoryEntry entry : entries) {
      number++;
      String kind;
      String text;
      if (entry instanceof HistoryEntry.UserMessage user) {
        kind = "user";
        text = user.text();
      } else if (entry instanceof HistoryEntry.AssistantMessage assistant) {
        kind = "assistant";
        text = assistant.text();
      } else if (entry instanceof HistoryEntry.ToolCall call) {
        kind = "tool call";
        text = call.callId() + " " + call.toolName() + " " + call.inputJson();
      } else if (entry instanceof HistoryEntry.ToolResult result) {
        kind = result.error() ? "tool error" : "tool result";
        text = result.callId() + " " + result.text();
      } else if (entry instanceof HistoryEntry.SystemItem system) {
        kind = "system";
        text = (system.featureId().isEmpty() ? "host" : system.featureId()) + ": " + system.text();
      } else {
        kind = "?";
        text = entry.toString();
      }
      out.append(TextTable.hanging(String.format("%3d  %-12s  ", number, kind), " ".repeat(TEXT_COLUMN),
          TerminalText.multiline(text)));
    }
    return out.toString();
  }
}
