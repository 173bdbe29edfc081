package dev.yoi.mcp.bridge;

/**
 * Text an MCP server controls (tool names and descriptions, stderr, error messages), made safe to
 * show a person: every control and format character (escape sequences, carriage returns, bidi
 * overrides, line separators) becomes a visible {@code \\uXXXX}, so the server's strings are data
 * and never terminal layout.
 */
public final class ServerText {
  private ServerText() {}

  /** {@code text} with every control or format character written as {@code \\uXXXX}. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (unsafe(cp)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(cp > 0xFFFF ? String.format("\\u{%X}", cp) : String.format("\\u%04X", cp));
      } else if (out != null) {
        out.appendCodePoint(cp);
      }
      i = next;
    }
    return out == null ? text : out.toString();
  }

  /** At most {@code max} characters of {@link #escape escaped} text, marked when cut. */
  public static String escape(String text, int max) {
    String escaped = escape(text);
    return escaped.length() <= max ? escaped : escaped.substring(0, max) + "...(" + escaped.length() + " characters)";
  }

  private static boolean unsafe(int cp) {
    int type = Character.getType(cp);
    return Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || (type == Character.UNASSIGNED && cp >= 0xE0000);
  }
}
