package dev.yoi.cli.text;

import dev.yoi.descriptor.ControlCharacters;

/**
 * The CLI's renderer of what a plugin, an MCP server, a model or a file controls on its way to a
 * terminal: such text is data, never layout. Which characters are escaped and how is decided by
 * the one owner, {@link ControlCharacters#escape}: it cannot move the cursor, clear or hide text,
 * or reorder what follows (bidirectional controls), because every control character is shown as
 * an escape ({@code \r}, <code>&#92;u001B</code>). This class adds only the terminal's layout: it
 * cannot start a line that looks like one of ours, because the line feeds it may keep are indented
 * under its field by the caller ({@link #field}, {@link #message}, {@link TextTable#hanging}), and
 * tabs are expanded to the columns they stand for.
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

  private static String escape(String text, boolean keepLines) {
    if (text == null) {
      return "null";
    }
    if (!keepLines) {
      return ControlCharacters.escape(text);
    }
    if (text.codePoints().noneMatch(ControlCharacters::escaped)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append('\n');
      }
      int column = 0; // within this line of the text, for tab stops
      String[] cells = lines[i].split("\t", -1);
      for (int j = 0; j < cells.length; j++) {
        if (j > 0) {
          int spaces = TAB_STOP - column % TAB_STOP;
          out.append(" ".repeat(spaces));
          column += spaces;
        }
        String shown = ControlCharacters.escape(cells[j]);
        out.append(shown);
        column += shown.codePointCount(0, shown.length());
      }
    }
    return out.toString();
  }
}
