package dev.yoi.mcp.bridge;

import dev.yoi.descriptor.ControlCharacters;

/**
 * Text an MCP server controls (tool names and descriptions, stderr, error messages), made safe to
 * show a person by the one owner, {@link ControlCharacters#escape}: every control and format
 * character (escape sequences, carriage returns, bidi overrides, line separators, invisible tags)
 * becomes a visible escape, so the server's strings are data and never terminal layout. This class
 * adds only that a server's missing text ({@code null}) is shown as nothing.
 */
public final class ServerText {
  private ServerText() {}

  /** {@code text} {@link ControlCharacters#escape escaped}; {@code null} is empty. */
  public static String escape(String text) {
    return text == null ? "" : ControlCharacters.escape(text);
  }

  /** At most {@code max} characters of {@link #escape escaped} text as shown, saying how much was cut. */
  public static String escape(String text, int max) {
    return text == null ? "" : ControlCharacters.escape(text, max);
  }
}
