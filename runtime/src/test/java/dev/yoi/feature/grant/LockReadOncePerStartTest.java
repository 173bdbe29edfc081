package dev.yoi.feature.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Pod;
import dev.yoi.pod.PodManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One start decides every plugin against one reading of the approval lock. */
class LockReadOncePerStartTest {
  static final String ALPHA = """
      package lock.alpha;
      @Feature(id = "alpha", name = "Alpha")
      public final class AlphaFeature implements FeatureModule {
        public void install(InstallContext c) {}
      }
      """;
  static final String BETA = """
      package lock.beta;
      @Feature(id = "beta", name = "Beta")
      public final class BetaFeature implements FeatureModule {
        public void install(InstallContext c) {}
      }
      """;

  @TempDir Path dir;

  @Test
  void aLockChangedWhileAStartDecidesIsNotReReadForTheNextFeature() throws IOException {
    Path classes = FeatureCompiler.compile(dir.resolve("plugins"), FeatureCompiler.java(ALPHA), FeatureCompiler.java(BETA));
    Path lock = dir.resolve(ApprovalLock.FILE_NAME);
    try (URLClassLoader loader = FeatureCompiler.loader(classes)) {
      FeatureLoader plugins = new FeatureLoader(loader, FeatureSource.PROJECT);
      ApprovalLock.approve(lock, FeatureCatalog.read(plugins).entry("project:beta").orElseThrow());
      PodManifest manifest = PodManifest.parse(
          "{\"features\": {\"enable\": [\"project:alpha\", \"project:beta\"]}}", "pod.json", dir);
      // Deciding alpha (unapproved) publishes approval-required; the host then removes the lock.
      try (Pod pod = Pod.builder().features(loader, FeatureSource.PROJECT).manifest(manifest).approvals(lock)
          .trustProjectLock(true)
          .diagnostics(d -> {
            if (d.code().equals("yoi/approval-required") && d.featureId().equals("project:alpha")) {
              delete(lock);
            }
          })
          .build()) {
        InstallReport report = pod.start();

        assertFalse(Files.exists(lock));
        assertFalse(report.feature("project:alpha").orElseThrow().installed());
        assertTrue(report.feature("project:beta").orElseThrow().installed(), report.toJson());
        assertEquals(0, report.feature("project:beta").orElseThrow().diagnostics().size(), report.toJson());
      }
    }
  }

  static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
