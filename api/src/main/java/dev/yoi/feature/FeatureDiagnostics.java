package dev.yoi.feature;

/**
 * Lets a feature add its own notes, as {@code yoi/feature-note} diagnostics whose message reads
 * {@code [yoi/feature-note] <feature id>: <message>}. A note made while {@code install} runs goes
 * into the feature's install report and the live diagnostics stream; a note through a handle kept
 * for later goes to the live diagnostics stream only.
 */
public interface FeatureDiagnostics {
  void info(String message);

  void warning(String message);
}
