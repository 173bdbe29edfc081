package dev.yoi.feature.report;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Problem;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.Severity;

/**
 * The one place a {@link Diagnostic} is built: from a typed {@link DiagnosticCode} (or a
 * {@link Problem}, which carries one) and an untagged detail, formatted once by
 * {@link DiagnosticCode#format}, so every message starts with its {@code [yoi/<code>]} tag exactly
 * once. The registry, the host, the CLI and other runtime kinds' installers all build theirs here.
 */
public final class Diagnostics {
  private Diagnostics() {}

  /**
   * A diagnostic about {@code featureId} (empty: about no single feature).
   *
   * @param detail what is wrong and what to change, untagged
   */
  public static Diagnostic of(DiagnosticCode code, Severity severity, String featureId, String detail) {
    return new Diagnostic(code.code(), severity, featureId, code.format(detail));
  }

  /** {@code problem} as a diagnostic about {@code featureId}. */
  public static Diagnostic of(Problem problem, Severity severity, String featureId) {
    return of(problem.code(), severity, featureId, problem.detail());
  }

  public static Diagnostic error(DiagnosticCode code, String featureId, String detail) {
    return of(code, Severity.ERROR, featureId, detail);
  }

  public static Diagnostic warning(DiagnosticCode code, String featureId, String detail) {
    return of(code, Severity.WARNING, featureId, detail);
  }

  public static Diagnostic info(DiagnosticCode code, String featureId, String detail) {
    return of(code, Severity.INFO, featureId, detail);
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
