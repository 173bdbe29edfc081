package dev.yoi.feature.install;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Pod;
import dev.yoi.pod.PodManifest;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 7: the manifest's switch is reported for a feature whose only index line is
 * broken, so an enabled feature that cannot install reads "enabled, not installed", not "not
 * enabled" (which a report, and {@code yoi report}'s exit code, would pass over).
 */
class BrokenLineEnablementTest {
  @TempDir Path dir;

  @Test
  void aFeatureTheManifestEnablesWhoseOnlyLineIsBrokenIsReportedEnabledAndNotInstalled() throws Exception {
    Path clock = FeatureCompiler.compilePlugin(dir.resolve("clock"), FeatureCompiler.java(ReportLevelDiagnosticsTest.CLOCK));
    // Edited after the build: the line still names its slug, but its digest no longer holds.
    FeatureCompiler.rewriteIndex(clock, FeatureCompiler.index(clock).replace("The time in a zone", "Any time"));
    PodManifest manifest = PodManifest.parse("{\"features\": {\"enable\": [\"project:clock\"]}}", "pod.json", dir);

    try (URLClassLoader loader = FeatureCompiler.loader(clock);
        Pod pod = Pod.builder().features(loader, FeatureSource.PROJECT).manifest(manifest).build()) {
      InstallReport report = pod.start();

      FeatureReport feature = report.feature("project:clock").orElseThrow();
      assertTrue(feature.enabled(), report.toJson());
      assertFalse(feature.installed());
      assertTrue(feature.hasDiagnostic("yoi/digest-mismatch"), report.toJson());
      assertTrue(InstallReport.fromJson(report.toJson()).feature("project:clock").orElseThrow().enabled());
    }
  }
}
