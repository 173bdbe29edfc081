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
 * <p><b>Refused</b> ({@link #refused}): every character of Unicode category Cc (C0 controls U+0000
 * to U+001F, DEL U+007F, C1 controls U+0080 to U+009F: escape sequences, carriage return,
 * backspace, the single-character CSI U+009B); the bidirectional controls that reorder text
 * (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069); and the line and paragraph
 * separators U+2028 and U+2029, which some renderers break lines at. Lines ({@link #checkLine}:
 * ids, names, versions, ranges, durations, scopes, class names) allow none of them; text
 * ({@link #checkText}: descriptions and reasons) allows line feed and tab, since a multi-line tool
 * description is normal. Other format characters (zero-width joiners in emoji, say) neither move
 * the cursor nor reorder text and are allowed; names with a grammar refuse them anyway.
 *
 * <p><b>Escaped</b> ({@link #escaped}): everything refused, and every other format character
 * (category Cf: zero-width characters, the byte order mark, the invisible tag characters
 * U+E0000..U+E007F), lone surrogates (an encoder would print "?"), and unassigned code points from
 * U+E0000 up (where a newer Unicode adds such characters). Line feed, carriage return and tab are
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

  /** Whether {@code codePoint} is refused in declared data; {@code text} allows line feed and tab. */
  public static boolean refused(int codePoint, boolean text) {
    if (text && (codePoint == '\n' || codePoint == '\t')) {
      return false;
    }
    return Character.getType(codePoint) == Character.CONTROL
        || codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
        || (codePoint >= 0x202A && codePoint <= 0x202E)
        || (codePoint >= 0x2066 && codePoint <= 0x2069)
        || codePoint == 0x2028 || codePoint == 0x2029;
  }

  /**
   * Whether {@code codePoint} is shown as an escape wherever text a plugin or a server controls is
   * repeated: every {@link #refused} character, line feed and tab included, and every other
   * format character, lone surrogate, and unassigned code point from U+E0000 up.
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
        || (type == Character.UNASSIGNED && codePoint >= 0xE0000);
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
            + " as data, so it may not hold control characters"
            + (text ? " (line feeds and tabs are fine)" : "") + "; remove it"));
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
      default -> Character.getType(c) == Character.CONTROL ? "a control character" : Character.getName(c);
    };
    return String.format("U+%04X (%s)", c, name);
  }
}
