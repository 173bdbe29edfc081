package dev.yoi.cli.text;

/**
 * The one owner of what a plugin, an MCP server, a model or a file controls on its way to a
 * terminal: such text is data, never layout. It cannot move the cursor, clear or hide text, or
 * reorder what follows (bidirectional controls), because every control character is shown as an
 * escape ({@code \r}, <code>&#92;u001b</code>); and it cannot start a line that looks like one of ours,
 * because the line feeds it may keep are indented under its field by the caller
 * ({@link #field}, {@link #message}, {@link TextTable#hanging}).
 *
 * <p>Escaped: C0 controls, DEL, C1 controls, the Unicode format characters (among them the
 * bidirectional embeddings, overrides and isolates U+202A..U+202E and U+2066..U+2069, and the marks
 * U+200E/U+200F), the line and paragraph separators, and lone surrogates (which an encoder would
 * turn into "?"). Escaping is idempotent: escaped text has nothing left to escape.
 */
public final class TerminalText {
  private static final int TAB_STOP = 8;

  private TerminalText() {}

  /**
   * A value that belongs on one line (an id, a label, a scope, a name, a path, a version): every
   * control character escaped, line feed ({@code \n}) and tab ({@code \t}) too.
   */
  public static String inline(String text) {
    return escape(text, false);
  }

  /**
   * Text that may span lines (a description, a reason, a message): line feeds kept for the caller
   * to indent under its field, tabs expanded to spaces, every other control character escaped.
   */
  public static String multiline(String text) {
    return escape(text, true);
  }

  /**
   * {@code text} (see {@link #multiline}) after {@code label}, wrapped to {@link TextTable#WIDTH};
   * every further line, wrapped or its own, starts under the first character of the text (at most
   * half the width in), so nothing in it lines up with a label of ours. Ends with a newline.
   */
  public static String field(String label, String text) {
    // A label wider than half the width would leave the text too narrow a column.
    return TextTable.hanging(label, " ".repeat(Math.min(label.length(), TextTable.WIDTH / 2)), multiline(text));
  }

  /**
   * A message printed from the start of a line, unwrapped (a diagnostic as {@code verify} prints
   * it, an error): {@link #multiline} text whose every further line is indented by at least two
   * spaces. A message's own layout (continuation lines already indented) is kept; a line that
   * would start at the margin, where our messages start, is pushed in. Ends with a newline.
   */
  public static String message(String text) {
    StringBuilder out = new StringBuilder();
    String[] lines = multiline(text).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (i > 0 && !line.startsWith("  ")) {
        line = (line.startsWith(" ") ? " " : "  ") + line;
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /** Whether {@code c} is shown as an escape rather than printed. */
  static boolean escaped(int c) {
    if (Character.isISOControl(c)) {
      return true; // C0, DEL, C1
    }
    int type = Character.getType(c);
    return type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE; // only a lone one reaches here as a code point
  }

  private static String escape(String text, boolean keepLines) {
    if (text == null) {
      return "null";
    }
    if (text.codePoints().noneMatch(TerminalText::escaped)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    int column = 0; // within the current line of the text, for tab stops
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n' && keepLines) {
        out.append('\n');
        column = 0;
      } else if (c == '\t' && keepLines) {
        int spaces = TAB_STOP - column % TAB_STOP;
        out.append(" ".repeat(spaces));
        column += spaces;
      } else if (escaped(c)) {
        String escape = switch (c) {
          case '\n' -> "\\n";
          case '\t' -> "\\t";
          case '\r' -> "\\r";
          default -> unicodeEscape(c);
        };
        out.append(escape);
        column += escape.length();
      } else {
        out.appendCodePoint(c);
        column++;
      }
    }
    return out.toString();
  }

  private static String unicodeEscape(int c) {
    StringBuilder out = new StringBuilder();
    for (char unit : Character.toChars(c)) {
      out.append(String.format("\\u%04x", (int) unit));
    }
    return out.toString();
  }
}
