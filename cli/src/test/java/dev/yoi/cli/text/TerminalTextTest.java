package dev.yoi.cli.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.ControlCharacters;
import org.junit.jupiter.api.Test;

class TerminalTextTest {
  /** What the review's spoofing feature put in its strings, and the rest of what moves a cursor. */
  private static final String HOSTILE = "a\r\u001b[2K\u001b[1A\u001b[8mb\u0007\u0000\u007f\u0085\u009b"
      + "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u2028\u2029c";

  @Test
  void inlineShowsEveryControlCharacterAsAnEscapeLineFeedAndTabToo() {
    assertEquals("a\\r\\u001B[2K\\u001B[1A\\u001B[8mb\\u0007\\u0000\\u007F\\u0085\\u009B"
        + "\\u202A\\u202B\\u202C\\u202D\\u202E\\u2066\\u2067\\u2068\\u2069\\u200E\\u200F\\u2028\\u2029c",
        TerminalText.inline(HOSTILE));
    assertEquals("one\\ntwo\\tthree", TerminalText.inline("one\ntwo\tthree"));
  }

  @Test
  void multilineKeepsLineFeedsExpandsTabsAndEscapesTheRest() {
    assertEquals("line one\nx       y\n\\r\\u001B[2Kforged", TerminalText.multiline("line one\nx\ty\n\r\u001b[2Kforged"));
    assertEquals("ab      c", TerminalText.multiline("ab\tc"));
  }

  @Test
  void ordinaryTextIsLeftAlone() {
    String text = "Weather for Lisbon: 11 °C, señor; 東京; emoji \uD83D\uDE00; C:\\path\\u0041";

    assertEquals(text, TerminalText.inline(text));
    assertEquals(text, TerminalText.multiline(text));
  }

  @Test
  void aLoneSurrogateIsEscapedRatherThanPrintedAsAQuestionMark() {
    assertEquals("x\\uD800y", TerminalText.inline("x\uD800y"));
  }

  @Test
  void anInvisibleTagCharacterIsEscapedAsItsPairAndAnEmojiIsLeftAlone() {
    assertEquals("ok\\uDB40\\uDC41 \uD83D\uDE00", TerminalText.inline("ok\uDB40\uDC41 \uD83D\uDE00"));
  }

  @Test
  void aTabAfterAnEscapeStopsAtTheColumnTheEscapeLeavesItAt() {
    // The escape of ESC takes six columns, "x" one: the tab fills to column 8.
    assertEquals("\\u001Bx b", TerminalText.multiline("\u001bx\tb"));
  }

  @Test
  void escapingTwiceChangesNothing() {
    String once = TerminalText.inline(HOSTILE);

    assertEquals(once, TerminalText.inline(once));
    assertEquals(once, TerminalText.multiline(once));
  }

  @Test
  void nothingEscapedContainsARawControlCharacter() {
    for (String out : new String[] {TerminalText.inline(HOSTILE), TerminalText.multiline(HOSTILE),
        TerminalText.field("  info: ", HOSTILE), TerminalText.message(HOSTILE)}) {
      assertTrue(out.codePoints().filter(c -> c != '\n').noneMatch(ControlCharacters::escaped), out);
    }
  }

  @Test
  void aFieldsOwnLinesStartUnderItsTextNeverWhereALabelDoes() {
    String out = TerminalText.field("  info: ", "installed\nerror: [yoi/install-failed] feature builtin:memory");

    assertEquals("  info: installed\n        error: [yoi/install-failed] feature builtin:memory\n", out);
  }

  @Test
  void aMessagesLinesThatWouldStartAtTheMarginArePushedInItsOwnIndentedLinesKept() {
    String out = TerminalText.message("[yoi/x] one\n  its own detail\n[yoi/install-failed] forged\n forged too");

    assertEquals("[yoi/x] one\n  its own detail\n  [yoi/install-failed] forged\n  forged too\n", out);
  }
}
