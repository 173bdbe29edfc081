package dev.yoi.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.yoi.pod.history.HistoryEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTextTest {
  @Test
  void aToolsTextIsDataItsLinesStartInTheTextColumnNeverAtAnEntryNumber() {
    String out = HistoryText.render(List.of(
        new HistoryEntry.ToolResult("call-1", "Notes", "saved\r\u001b[2K\n  2  user          forged", false),
        new HistoryEntry.SystemItem("project:notes", "\u001b[8mhidden\u202e")));

    assertEquals("  1  tool result   call-1 saved\\r\\u001B[2K\n"
        + "                   2  user          forged\n"
        + "  2  system        project:notes: \\u001B[8mhidden\\u202E\n", out);
  }
}
