package dev.yoi.cli.text;

import dev.yoi.feature.Diagnostic;
import java.util.Locale;

/**
 * Diagnostics as every command prints them. A message may carry text a plugin controls (a
 * feature's note, a scope, an exception message), so it goes through {@link TerminalText}: a line
 * feed in it can never start a line that looks like another diagnostic.
 */
public final class DiagnosticText {
  private DiagnosticText() {}

  /**
   * One item of a list, as {@code report}, {@code demo} and {@code mcp serve} print them:
   * {@code "  error: [yoi/..] ..."} wrapped, every further line under the message.
   */
  public static String item(Diagnostic diagnostic) {
    return TerminalText.field("  " + diagnostic.severity().name().toLowerCase(Locale.ROOT) + ": ",
        diagnostic.message());
  }

  /** From the margin, unwrapped, as {@code verify}, {@code inspect} and {@code approve} print them. */
  public static String line(Diagnostic diagnostic) {
    return TerminalText.message(diagnostic.message());
  }
}
