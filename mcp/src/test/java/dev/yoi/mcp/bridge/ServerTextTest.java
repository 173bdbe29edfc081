package dev.yoi.mcp.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerTextTest {
  @Test
  void controlAndFormatCharactersBecomeVisibleEscapes() {
    assertEquals("a\\u001B[31mb\\r\\nc\\u202Ed\\u2028e\\u007F\\u009Bf\\uDB40\\uDC41",
        ServerText.escape("a\u001b[31mb\r\nc\u202ed\u2028e\u007f\u009bf\udb40\udc41"));
  }

  @Test
  void printableTextIsReturnedAsItIs() {
    String text = "Wetter für Zürich ☀ 𝄞 \"quoted\" \\ tab-free";

    assertSame(text, ServerText.escape(text));
  }

  @Test
  void longTextIsCutAndSaysHowMuchWasLeftOut() {
    assertEquals("abc... (3 more characters)", ServerText.escape("abcdef", 3));
    // The bound counts what is shown and never cuts an escape in half.
    assertEquals("ab... (2 more characters)", ServerText.escape("ab\u001bc", 7));
  }

  @Test
  void stderrKeepsTheLastLinesAndPublishesABoundedNumber() {
    List<String> notes = new ArrayList<>();
    StderrLog log = new StderrLog(3, notes::add);
    for (int i = 1; i <= 6; i++) {
      log.line("line " + i + "\u001b[K");
    }

    assertEquals(List.of("line 4\\u001B[K", "line 5\\u001B[K", "line 6\\u001B[K"), log.last());
    assertEquals(4, notes.size(), notes.toString());
    assertEquals("(more than 3 lines: the rest of this run's stderr is not published; the last 3 lines are kept)",
        notes.get(3));
    log.restart();
    log.line("after a restart");
    assertEquals("after a restart", notes.get(4));
  }
}
