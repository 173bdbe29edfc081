package dev.yoi.feature.report;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.Severity;

/**
 * Builds {@link Diagnostic}s from the shared code catalogue, so every message starts with its
 * {@code [yoi/<code>]} tag.
 */
public final class Diagnostics {
  private Diagnostics() {}

  /** An error about {@code featureId} (empty: about no single feature). */
  public static Diagnostic error(DiagnosticCode code, String featureId, String message) {
    return of(code, Severity.ERROR, featureId, message);
  }

  public static Diagnostic warning(DiagnosticCode code, String featureId, String message) {
    return of(code, Severity.WARNING, featureId, message);
  }

  public static Diagnostic info(DiagnosticCode code, String featureId, String message) {
    return of(code, Severity.INFO, featureId, message);
  }

  /** {@code message} gets the code's tag unless it already starts with it. */
  public static Diagnostic of(DiagnosticCode code, Severity severity, String featureId, String message) {
    String text = message.startsWith(code.tag()) ? message : code.format(message);
    return new Diagnostic(code.code(), severity, featureId, text);
  }

  /** Indented lines for a message body, one party or change per line. */
  public static String lines(Iterable<String> items) {
    StringBuilder out = new StringBuilder();
    for (String item : items) {
      out.append("\n    ").append(item);
    }
    return out.toString();
  }
}
