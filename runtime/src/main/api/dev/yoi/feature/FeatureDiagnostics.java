package dev.yoi.feature;

/** Lets a feature add its own notes to the install report and the live diagnostics stream. */
public interface FeatureDiagnostics {
  void info(String message);

  void warning(String message);
}
