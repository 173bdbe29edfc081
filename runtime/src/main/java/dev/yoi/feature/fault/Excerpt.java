package dev.yoi.feature.fault;

/**
 * What the host repeats of a feature's own words (an abort reason, an exception message) in its
 * notes and diagnostics: one line, at most {@link #LIMIT} characters of the text, with every
 * control, format, surrogate and line or paragraph separator character escaped ({@code \n},
 * {@code \t}, {@code \r}, else {@code \}{@code uXXXX}) and a backslash and a double quote
 * escaped too ({@code \\}, {@code \"}). So what a feature wrote can neither start a line of its
 * own, nor move a terminal's cursor, nor close the quotes the host puts it in; a longer text is
 * cut, saying how much was left out.
 */
public final class Excerpt {
  /** The most characters of a feature's text the host repeats. */
  public static final int LIMIT = 200;

  private Excerpt() {}

  /** {@code text} cut to its first {@link #LIMIT} characters (never inside a pair), then escaped. */
  public static String of(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), LIMIT) + 32);
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      if (i + width > LIMIT) {
        break;
      }
      escape(cp, out);
      i += width;
    }
    if (i < text.length()) {
      out.append("... (").append(text.length() - i).append(" more characters)");
    }
    return out.toString();
  }

  private static void escape(int cp, StringBuilder out) {
    switch (cp) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\\' -> out.append("\\\\");
      case '"' -> out.append("\\\"");
      default -> {
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
          out.append(String.format("\\u%04X", cp));
        } else {
          out.appendCodePoint(cp);
        }
      }
    }
  }
}
