package dev.yoi.descriptor;

/** What one line of an index turned out to be: a feature, or a problem with that line alone. */
public sealed interface IndexEntry {
  /** Where the line came from, e.g. {@code jar:file:/plugins/weather.jar!/META-INF/yoi/features.jsonl}. */
  String location();

  /** 1-based line number. */
  int lineNumber();

  /** A line that parsed, whose digest matches its descriptor. */
  record Valid(String location, int lineNumber, IndexLine line) implements IndexEntry {}

  /**
   * A line that did not: its problem's code is {@link DiagnosticCode#INDEX_CORRUPT},
   * {@link DiagnosticCode#INDEX_FORMAT} or {@link DiagnosticCode#DIGEST_MISMATCH}.
   *
   * @param slug the feature slug when the line got far enough to name one, else empty
   * @param problem what is wrong, typed: a diagnostic is built from it without re-tagging
   */
  record Broken(String location, int lineNumber, String slug, Problem problem) implements IndexEntry {
    public DiagnosticCode code() {
      return problem.code();
    }

    /** The tagged message, {@code [yoi/index-corrupt] ...}. */
    public String message() {
      return problem.message();
    }
  }
}
