package dev.yoi.descriptor;

import java.util.Optional;

/**
 * Text a plugin or an MCP server controls is data, never terminal layout. This class is the one
 * owner of that rule, everywhere it applies: which characters a feature may not declare (refused
 * at build time by the processor, and in index lines by the runtime), which characters are never
 * shown raw (escaped by every message, diagnostic and terminal output that repeats such text), how
 * an escaped character is written, and how much of a long text is repeated. The runtime's
 * {@code Excerpt}, the CLI's {@code TerminalText} and the MCP bridge's {@code ServerText} call it
 * and add only their own job (a bound, terminal layout, null handling).
 *
 * <p><b>Refused</b> ({@link #refused}): every control character (Unicode category Cc: C0 controls
 * U+0000 to U+001F, DEL U+007F, C1 controls U+0080 to U+009F: escape sequences, carriage return,
 * backspace, the single-character CSI U+009B); every format character (category Cf, as of Unicode
 * 16: the bidirectional controls that reorder text, U+061C, U+200E, U+200F, U+202A to U+202E,
 * U+2066 to U+2069; the invisible ones, zero-width space U+200B, word joiner and invisible
 * operators U+2060 to U+2064, the byte order mark U+FEFF, soft hyphen U+00AD, U+180E, U+206A to
 * U+206F, the interlinear annotation marks U+FFF9 to U+FFFB; the whole tag block U+E0000 to
 * U+E007F, assigned or not, which spells ASCII invisibly and which a model reads as text; and the
 * rest of Cf: Arabic number marks, Egyptian hieroglyph, shorthand and musical format controls);
 * and the line and paragraph separators U+2028 and U+2029, which some renderers break lines at.
 * Two format characters are not refused: the zero-width non-joiner U+200C and joiner U+200D,
 * without which emoji sequences (a family, a flag with a sign) and words of Persian and the Indic
 * scripts cannot be written; they only join or part the glyphs either side of them and spell
 * nothing on their own, and names with a grammar (ids, tool names, versions) refuse them anyway.
 * Lines ({@link #checkLine}: ids, names, versions, ranges, durations, scopes, class names) allow
 * none of the refused characters; text ({@link #checkText}: descriptions and reasons) allows line
 * feed and tab, since a multi-line tool description is normal. The list of format characters is
 * fixed here rather than asked of the JDK, so a build on one JDK and a Pod on another refuse the
 * same characters; a newer Unicode's format characters are escaped meanwhile.
 *
 * <p><b>Escaped</b> ({@link #escaped}): everything refused in a line, every format character this
 * JDK knows (the zero-width joiners too), lone surrogates (an encoder would
 * print "?"), and unassigned code points from U+E0000 up (where a newer Unicode adds such
 * characters). Line feed, carriage return and tab are
 * written {@code \n}, {@code \r}, {@code \t}; every other escaped character as
 * <code>&#92;uXXXX</code> per UTF-16 unit, upper-case hex (a character outside the BMP as its two
 * units, as Java and JSON write it). Nothing else is changed, so escaping is idempotent. Text shown
 * between double quotes ({@link #quote}, {@link #escapeInQuotes}) has {@code \"} and
 * {@code \\} escaped too, so it cannot close the quotes it is shown in.
 *
 * <p><b>Bounded</b> ({@link #escape(String, int)}): at most {@code max} characters as shown,
 * escapes counted; never half an escape or half a surrogate pair; then
 * {@code ... (N more characters)}, N counted in the original text.
 */
public final class ControlCharacters {
  /** How much of a refused value the refusal shows. */
  private static final int SHOWN = 80;

  private ControlCharacters() {}

  /** The problem with {@code value} as one line of declared data, if it holds a refused character. */
  public static Optional<Problem> checkLine(String what, String value) {
    return check(what, value, false);
  }

  /** The problem with {@code value} as declared free text (line feed and tab allowed), if any. */
  public static Optional<Problem> checkText(String what, String value) {
    return check(what, value, true);
  }

  /**
   * The format characters (category Cf) of Unicode 16, first and last of each run, and the whole
   * tag block: what {@link #refused} refuses besides controls and separators.
   */
  private static final int[] FORMAT = {
      0x00AD, 0x00AD, 0x0600, 0x0605, 0x061C, 0x061C, 0x06DD, 0x06DD, 0x070F, 0x070F, 0x0890, 0x0891,
      0x08E2, 0x08E2, 0x180E, 0x180E, 0x200B, 0x200F, 0x202A, 0x202E, 0x2060, 0x2064, 0x2066, 0x206F,
      0xFEFF, 0xFEFF, 0xFFF9, 0xFFFB, 0x110BD, 0x110BD, 0x110CD, 0x110CD, 0x13430, 0x1343F,
      0x1BCA0, 0x1BCA3, 0x1D173, 0x1D17A, 0xE0000, 0xE007F};

  /** The zero-width non-joiner and joiner: not refused, for emoji sequences and scripts that need them. */
  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;

  /** Whether {@code codePoint} is refused in declared data; {@code text} allows line feed and tab. */
  public static boolean refused(int codePoint, boolean text) {
    if (codePoint < 0x80) {
      return (codePoint < 0x20 && !(text && (codePoint == '\n' || codePoint == '\t'))) || codePoint == 0x7F;
    }
    if (codePoint <= 0x9F) {
      return true; // C1 controls
    }
    if (codePoint == ZWNJ || codePoint == ZWJ) {
      return false;
    }
    return codePoint == 0x2028 || codePoint == 0x2029 || format(codePoint);
  }

  /** Whether {@code codePoint} is in {@link #FORMAT}. */
  private static boolean format(int codePoint) {
    if (codePoint < FORMAT[0]) {
      return false;
    }
    for (int i = 0; i < FORMAT.length; i += 2) {
      if (codePoint <= FORMAT[i + 1]) {
        return codePoint >= FORMAT[i];
      }
    }
    return false;
  }

  /**
   * Whether {@code codePoint} is shown as an escape wherever text a plugin or a server controls is
   * repeated: every {@link #refused} character, line feed and tab included, every format
   * character this JDK knows (the zero-width joiners too), every lone surrogate, and every unassigned
   * code point from U+E0000 up.
   */
  public static boolean escaped(int codePoint) {
    if (codePoint >= 0x20 && codePoint < 0x7F) {
      return false; // printable ASCII, the common case
    }
    int type = Character.getType(codePoint);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE // only a lone one arrives as a code point
        || (type == Character.UNASSIGNED && codePoint >= 0xE0000)
        || format(codePoint); // what is refused on any JDK is escaped on this one too
  }

  /** {@code text} with every {@link #escaped} character written as its escape, nothing else changed. */
  public static String escape(String text) {
    return cut(text, false, Integer.MAX_VALUE).withMarker();
  }

  /**
   * {@link #escape escaped} {@code text}, at most {@code max} characters of it as shown; a longer
   * text is cut between characters and says how much was left out.
   */
  public static String escape(String text, int max) {
    return cut(text, false, max).withMarker();
  }

  /**
   * {@code text} as it goes between double quotes the caller writes: {@link #escape escaped},
   * {@code "} and {@code \} too, cut at {@code max} characters as shown like {@link #escape(String, int)}.
   */
  public static String escapeInQuotes(String text, int max) {
    return cut(text, true, max).withMarker();
  }

  /**
   * {@code value} in double quotes, as a Java string literal would write it: {@code \n},
   * {@code \t}, {@code \r}, {@code \"} and {@code \\} by name, every other {@link #escaped}
   * character as <code>&#92;uXXXX</code>. What a person reads is then exactly what was written, and
   * nothing in it acts on the terminal.
   */
  public static String quote(String value) {
    return quote(value, Integer.MAX_VALUE);
  }

  /** {@link #quote}, at most {@code max} characters between the quotes; a cut is said after them. */
  public static String quote(String value, int max) {
    Cut cut = cut(value, true, max);
    return "\"" + cut.shown() + "\"" + cut.marker();
  }

  /**
   * {@code value} as a message shows it: unchanged when it holds nothing {@link #quote} would
   * escape, else quoted and escaped, so a name cannot break the line it is shown in.
   */
  public static String shown(String value) {
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      if (escapeOf(c, true) != null) {
        return quote(value);
      }
      i += Character.charCount(c);
    }
    return value;
  }

  /** The escape {@code codePoint} is shown as, or null if it is shown as itself. */
  private static String escapeOf(int codePoint, boolean inQuotes) {
    return switch (codePoint) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      case '"' -> inQuotes ? "\\\"" : null;
      case '\\' -> inQuotes ? "\\\\" : null;
      default -> escaped(codePoint) ? units(codePoint) : null;
    };
  }

  /** <code>&#92;uXXXX</code> per UTF-16 unit of {@code codePoint}, as Java and JSON write it. */
  private static String units(int codePoint) {
    StringBuilder out = new StringBuilder(12);
    for (char unit : Character.toChars(codePoint)) {
      out.append(String.format("\\u%04X", (int) unit));
    }
    return out.toString();
  }

  /** The one escaping routine: {@code text} escaped, cut at {@code max} characters as shown. */
  private static Cut cut(String text, boolean inQuotes, int max) {
    StringBuilder out = null;
    int shown = 0;
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      int width = Character.charCount(c);
      String escape = escapeOf(c, inQuotes);
      int length = escape == null ? width : escape.length();
      if (shown + length > max) {
        break;
      }
      if (escape != null && out == null) {
        out = new StringBuilder(Math.min(text.length(), max) + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escape == null) {
          out.appendCodePoint(c);
        } else {
          out.append(escape);
        }
      }
      shown += length;
      i += width;
    }
    String head = out != null ? out.toString() : i == text.length() ? text : text.substring(0, i);
    return new Cut(head, text.length() - i);
  }

  /** What is shown of a text, and how many of its characters were left out. */
  private record Cut(String shown, int left) {
    String marker() {
      return left == 0 ? "" : "... (" + left + " more characters)";
    }

    String withMarker() {
      return left == 0 ? shown : shown + marker();
    }
  }

  private static Optional<Problem> check(String what, String value, boolean text) {
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      if (refused(c, text)) {
        return Optional.of(new Problem(DiagnosticCode.CONTROL_CHARACTER, what + " "
            + quote(value, SHOWN) + " holds " + describe(c) + " at character " + (i + 1)
            + ": text a feature declares is shown in permission prompts, reports and terminals"
            + " as data and read by the model as written, so it may not hold control or invisible"
            + " format characters" + (text ? " (line feeds and tabs are fine)" : "")
            + "; remove it"));
      }
      i += Character.charCount(c);
    }
    return Optional.empty();
  }

  /** {@code U+001B (ESCAPE)}: the code point and, where it has one, its name. */
  private static String describe(int c) {
    String name = switch (c) {
      case 0x00 -> "NULL";
      case 0x07 -> "BELL";
      case 0x08 -> "BACKSPACE";
      case 0x09 -> "TAB";
      case 0x0A -> "LINE FEED";
      case 0x0B -> "VERTICAL TAB";
      case 0x0C -> "FORM FEED";
      case 0x0D -> "CARRIAGE RETURN";
      case 0x1B -> "ESCAPE";
      case 0x7F -> "DELETE";
      case 0x85 -> "NEXT LINE";
      case 0x9B -> "CONTROL SEQUENCE INTRODUCER";
      default -> Character.getType(c) == Character.CONTROL ? "a control character"
          : Character.getName(c) != null ? Character.getName(c)
          : c >= 0xE0000 && c <= 0xE007F ? "an unassigned tag character" : "an unassigned character";
    };
    return String.format("U+%04X (%s)", c, name);
  }
}
