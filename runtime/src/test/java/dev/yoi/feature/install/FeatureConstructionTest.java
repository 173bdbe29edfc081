package dev.yoi.feature.install;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Pod;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feature whose constructor fails is not installed; the start goes on. */
class FeatureConstructionTest {
  @TempDir Path dir;

  FeatureReport start(String source, String id) throws IOException {
    try (URLClassLoader loader = FeatureCompiler.loader(FeatureCompiler.compile(dir, FeatureCompiler.java(source)));
        Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN).build()) {
      return pod.start().feature(id).orElseThrow();
    }
  }

  @Test
  void aConstructorThatOverflowsTheStackIsAnInstallFailure() throws IOException {
    FeatureReport deep = start("""
        package construct.deep;
        @Feature(id = "deep", name = "Deep")
        public final class DeepFeature implements FeatureModule {
          private final int depth = depth(0);
          static int depth(int n) { return depth(n + 1) + 1; }
          public void install(InstallContext c) {}
        }
        """, "builtin:deep");

    assertFalse(deep.installed());
    String message = deep.diagnostics("yoi/install-failed").get(0).message();
    assertTrue(message.contains("could not be constructed: java.lang.StackOverflowError"), message);
  }

  @Test
  void aConstructorThatThrowsAnErrorIsAnInstallFailure() throws IOException {
    FeatureReport strict = start("""
        package construct.strict;
        @Feature(id = "strict", name = "Strict")
        public final class StrictFeature implements FeatureModule {
          public StrictFeature() { throw new AssertionError("no configuration"); }
          public void install(InstallContext c) {}
        }
        """, "builtin:strict");

    assertFalse(strict.installed());
    String message = strict.diagnostics("yoi/install-failed").get(0).message();
    assertTrue(message.contains("could not be constructed: java.lang.AssertionError: no configuration"), message);
  }
}
