package dev.yoi.feature.install;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureDiagnostics;
import dev.yoi.feature.Severity;
import dev.yoi.feature.report.Diagnostics;

/**
 * Where a feature's own notes go ({@code InstallContext.diagnostics()}, and what its runtime's
 * installer publishes): while the feature installs, into its report and the live stream; after,
 * through a handle the feature kept, to the live stream only, since the report is built for the
 * whole start, on the installing thread, and is no place for later notes.
 */
final class FeatureNotes implements FeatureDiagnostics {
  private final Staging staging;
  private final HostSurfaces host;

  FeatureNotes(Staging staging, HostSurfaces host) {
    this.staging = staging;
    this.host = host;
  }

  @Override
  public void info(String message) {
    note(Severity.INFO, message);
  }

  @Override
  public void warning(String message) {
    note(Severity.WARNING, message);
  }

  private void note(Severity severity, String message) {
    String id = staging.featureId();
    publish(Diagnostics.of(DiagnosticCode.FEATURE_NOTE, severity, id, id + ": " + message));
  }

  /**
   * Routes a diagnostic about this feature.
   *
   * @throws IllegalArgumentException if it is about another feature
   */
  void publish(Diagnostic note) {
    String id = staging.featureId();
    if (!note.featureId().equals(id)) {
      throw new IllegalArgumentException("feature " + id + "'s installer published a diagnostic about "
          + (note.featureId().isEmpty() ? "no feature" : note.featureId()) + ": " + note.message());
    }
    boolean installing;
    synchronized (staging) {
      installing = staging.isOpen();
      if (installing) {
        staging.report().add(note);
      }
    }
    if (!installing) {
      host.publish(note);
    }
  }
}
