package dev.yoi.descriptor;

/**
 * Text a feature declares is data, never terminal layout. This class shows such text in a message
 * so that it cannot move the cursor, hide what follows or start a line of its own.
 */
public final class ControlCharacters {
  private ControlCharacters() {}

  /**
   * {@code value} in double quotes, as a Java string literal would write it: {@code \n},
   * {@code \t}, {@code \r}, {@code \"} and {@code \\} by name, every other control or format
   * character as {@code \}{@code uXXXX}. What a person reads is then exactly what was written.
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

  /** Whether {@link #quote} writes {@code c} as an escape: control, format and separator characters. */
  private static boolean escaped(char c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
