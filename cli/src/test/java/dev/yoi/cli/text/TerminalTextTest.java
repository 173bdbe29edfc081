package dev.yoi.cli.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
  /** What the review's spoofing feature put in its strings, and the rest of what moves a cursor. */
  private static final String HOSTILE = "a\r\u001b[2K\u001b[1A\u001b[8mb\u0007\u0000\u007f\u0085\u009b"
      + "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u2028\u2029c";

  @Test
  void inlineShowsEveryControlCharacterAsAnEscapeLineFeedAndTabToo() {
    assertEquals("a\\r\\u001b[2K\\u001b[1A\\u001b[8mb\\u0007\\u0000\\u007f\\u0085\\u009b"
        + "\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u2028\\u2029c",
        TerminalText.inline(HOSTILE));
    assertEquals("one\\ntwo\\tthree", TerminalText.inline("one\ntwo\tthree"));
  }

  @Test
  void multilineKeepsLineFeedsExpandsTabsAndEscapesTheRest() {
    assertEquals("line one\nx       y\n\\r\\u001b[2Kforged", TerminalText.multiline("line one\nx\ty\n\r\u001b[2Kforged"));
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
    assertEquals("x\\ud800y", TerminalText.inline("x\uD800y"));
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
      assertTrue(out.codePoints().filter(c -> c != '\n').noneMatch(TerminalText::escaped), out);
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
