package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one escaping routine and the one bound for text a plugin or an MCP server controls: which
 * characters are shown as escapes, how each is written, and how a long text is cut.
 */
class ControlCharactersEscapeTest {

  @ParameterizedTest(name = "U+{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      // C0 controls, named where Java names them
      "0000|\\u0000", "0007|\\u0007", "0008|\\u0008", "0009|\\t", "000A|\\n", "000B|\\u000B",
      "000C|\\u000C", "000D|\\r", "001B|\\u001B", "001F|\\u001F",
      // DEL and C1 controls (U+009B is a one-character CSI)
      "007F|\\u007F", "0080|\\u0080", "0085|\\u0085", "009B|\\u009B", "009F|\\u009F",
      // bidirectional marks, embeddings, overrides and isolates
      "061C|\\u061C", "200E|\\u200E", "200F|\\u200F", "202A|\\u202A", "202B|\\u202B", "202C|\\u202C",
      "202D|\\u202D", "202E|\\u202E", "2066|\\u2066", "2067|\\u2067", "2068|\\u2068", "2069|\\u2069",
      // line and paragraph separators
      "2028|\\u2028", "2029|\\u2029",
      // other format characters: zero-width, soft hyphen, byte order mark, invisible tags
      "200B|\\u200B", "200D|\\u200D", "00AD|\\u00AD", "2060|\\u2060", "FEFF|\\uFEFF",
      "E0001|\\uDB40\\uDC01", "E0041|\\uDB40\\uDC41", "E007F|\\uDB40\\uDC7F",
      // lone surrogates
      "D800|\\uD800", "DBFF|\\uDBFF", "DC00|\\uDC00", "DFFF|\\uDFFF",
      // unassigned from U+E0000 up
      "E0080|\\uDB40\\uDC80", "E0FFF|\\uDB43\\uDFFF"})
  void everyDangerousCharacterIsShownAsItsEscape(String hex, String escape) {
    int c = Integer.parseInt(hex, 16);
    String text = "a" + new String(Character.toChars(c)) + "b";

    assertTrue(ControlCharacters.escaped(c), hex);
    assertEquals("a" + escape + "b", ControlCharacters.escape(text));
    assertEquals("\"a" + escape + "b\"", ControlCharacters.quote(text));
    assertEquals("a" + escape + "b", ControlCharacters.escapeInQuotes(text, 100));
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {' ', '~', 'é', 'ß', 0x00A0, 0x2600, 0x6771, 0xFFFD, 0x1F600, 0x1D11E, 0xF0000})
  void printableCharactersAreShownAsThemselves(int c) {
    String text = "a" + new String(Character.toChars(c)) + "b";

    assertFalse(ControlCharacters.escaped(c), Integer.toHexString(c));
    assertSame(text, ControlCharacters.escape(text));
  }

  @Test
  void everyRefusedCharacterIsEscapedToo() {
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      if (ControlCharacters.refused(c, false)) {
        assertTrue(ControlCharacters.escaped(c), Integer.toHexString(c));
      }
    }
  }

  @Test
  void quotesAndBackslashesAreEscapedOnlyBetweenQuotes() {
    String text = "say \"hi\" C:\\dir";

    assertSame(text, ControlCharacters.escape(text));
    assertEquals("say \\\"hi\\\" C:\\\\dir", ControlCharacters.escapeInQuotes(text, 100));
    assertEquals("\"say \\\"hi\\\" C:\\\\dir\"", ControlCharacters.quote(text));
  }

  @Test
  void escapingTwiceChangesNothing() {
    String once = ControlCharacters.escape("a\r\u001b[2K\u202e\u2028\uD800\uDB40\uDC41 \\u001B");

    assertEquals("a\\r\\u001B[2K\\u202E\\u2028\\uD800\\uDB40\\uDC41 \\u001B", once);
    assertSame(once, ControlCharacters.escape(once));
  }

  @Test
  void aTextWithinTheBoundIsWhole() {
    assertEquals("x".repeat(10), ControlCharacters.escape("x".repeat(10), 10));
    assertEquals("", ControlCharacters.escape("", 0));
  }

  @Test
  void aLongerTextIsCutAtTheBoundAndSaysHowMuchOfTheOriginalWasLeftOut() {
    assertEquals("x".repeat(10) + "... (5 more characters)", ControlCharacters.escape("x".repeat(15), 10));
  }

  @Test
  void theBoundCountsEscapesAsShownAndNeverCutsOneInHalf() {
    // "ab" + \u001B (6 characters shown) would be 8: over a bound of 7, so the escape goes whole.
    assertEquals("ab... (3 more characters)", ControlCharacters.escape("ab\u001Bcd", 7));
    assertEquals("ab\\u001B... (2 more characters)", ControlCharacters.escape("ab\u001Bcd", 8));
    assertEquals("\\r\\n... (1 more characters)", ControlCharacters.escape("\r\nx", 4));
  }

  @Test
  void theBoundNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    String text = "x".repeat(9) + emoji + "tail";

    assertEquals("x".repeat(9) + "... (6 more characters)", ControlCharacters.escape(text, 10));
    assertEquals("x".repeat(9) + emoji + "... (4 more characters)", ControlCharacters.escape(text, 11));
    // An escaped pair (a tag character) is twelve characters shown, and goes whole too.
    assertEquals("x... (3 more characters)", ControlCharacters.escape("x\uDB40\uDC41y", 12));
    assertEquals("x\\uDB40\\uDC41... (1 more characters)", ControlCharacters.escape("x\uDB40\uDC41y", 13));
  }

  @Test
  void aBoundedQuoteSaysWhatWasCutAfterItsClosingQuote() {
    assertEquals("\"abc\"... (3 more characters)", ControlCharacters.quote("abcdef", 3));
    assertEquals("\"abcdef\"", ControlCharacters.quote("abcdef", 6));
    assertEquals("\"\"... (1 more characters)", ControlCharacters.quote("\"", 1));
  }

  @Test
  void nothingEscapedOrBoundedHoldsARawDangerousCharacter() {
    StringBuilder all = new StringBuilder();
    for (int c = 0; c < 0x3000; c++) {
      all.appendCodePoint(c);
    }
    all.append("\uDB40\uDC41\uD800\uE000");
    String text = all.toString();

    for (String out : new String[] {ControlCharacters.escape(text), ControlCharacters.quote(text),
        ControlCharacters.escape(text, 500), ControlCharacters.escapeInQuotes(text, 500)}) {
      assertTrue(out.codePoints().noneMatch(ControlCharacters::escaped), out);
    }
  }
}
