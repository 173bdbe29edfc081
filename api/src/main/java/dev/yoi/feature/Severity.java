package dev.yoi.feature;

/** How bad a diagnostic is. */
public enum Severity {
  ERROR,
  WARNING,
  INFO
}
