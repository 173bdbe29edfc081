package dev.yoi.descriptor;

import java.util.Optional;

/**
 * Text a feature declares is data, never terminal layout: the one rule for which characters each
 * kind of declared string may hold, applied by the processor to annotation values and by the
 * runtime to index lines, and the one way messages show such text.
 *
 * <p>Refused everywhere: every character of Unicode category Cc (C0 controls U+0000 to U+001F,
 * DEL U+007F, C1 controls U+0080 to U+009F: escape sequences, carriage return, backspace, the
 * single-character CSI U+009B); the bidirectional controls that reorder text (U+061C, U+200E,
 * U+200F, U+202A to U+202E, U+2066 to U+2069); and the line and paragraph separators U+2028 and
 * U+2029, which some renderers break lines at. Lines ({@link #checkLine}: ids, names, versions,
 * ranges, durations, scopes, class names) allow none of them; text ({@link #checkText}:
 * descriptions and reasons) allows line feed and tab, since a multi-line tool description is
 * normal. Other format characters (zero-width joiners in emoji, say) neither move the cursor nor
 * reorder text and are allowed; names with a grammar refuse them anyway.
 */
public final class ControlCharacters {
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
   * {@code value} as a message shows it: unchanged when it holds nothing {@link #quote} would
   * escape, else quoted and escaped, so a name cannot break the line it is shown in.
   */
  public static String shown(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || escaped(c)) {
        return quote(value);
      }
    }
    return value;
  }

  /**
   * {@code text} (a message from a parser, say) with every control, format and separator
   * character written as {@code \}{@code uXXXX}, and nothing else changed.
   */
  public static String escapeControls(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (escaped(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 8).append(text, 0, i);
        }
        out.append(String.format("\\u%04X", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * {@code value} in double quotes, as a Java string literal would write it: {@code \n},
   * {@code \t}, {@code \r}, {@code \"} and {@code \\} by name, every other control, format or
   * separator character as {@code \}{@code uXXXX}. What a person reads is then exactly what was
   * written, and nothing in it acts on the terminal.
   */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (escaped(c)) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static Optional<Problem> check(String what, String value, boolean text) {
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      if (refused(c, text)) {
        return Optional.of(new Problem(DiagnosticCode.CONTROL_CHARACTER, what + " "
            + quote(abbreviated(value)) + " holds " + describe(c) + " at character " + (i + 1)
            + ": text a feature declares is shown in permission prompts, reports and terminals"
            + " as data, so it may not hold control characters"
            + (text ? " (line feeds and tabs are fine)" : "") + "; remove it"));
      }
      i += Character.charCount(c);
    }
    return Optional.empty();
  }

  private static String abbreviated(String value) {
    return value.length() <= SHOWN ? value : value.substring(0, SHOWN - 3) + "...";
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

  /** Whether {@link #quote} writes {@code c} as an escape: control, format and separator characters. */
  private static boolean escaped(char c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
