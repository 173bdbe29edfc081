package dev.yoi.feature.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture compiles with the real, validating processor: a build error fails the compile. */
class FeatureCompilerTest {
  @TempDir Path dir;

  @Test
  void anInvalidFeatureFailsToCompileWithTheProcessorsError() {
    AssertionError error = assertThrows(AssertionError.class, () -> FeatureCompiler.compile(dir,
        FeatureCompiler.java("""
            package acme.bad;
            @Feature(id = "Not A Slug", name = "Bad")
            public final class BadFeature implements FeatureModule {
              public void install(InstallContext c) {}
            }
            """)));
    assertTrue(error.getMessage().contains("[yoi/invalid-id]"), error.getMessage());
  }

  @Test
  void aValidFeatureCompilesToClassesAndAnIndex() {
    Path out = FeatureCompiler.compile(dir, FeatureCompiler.java("""
        package acme.good;
        @Feature(id = "good", name = "Good")
        public final class GoodFeature implements FeatureModule {
          public void install(InstallContext c) {}
        }
        """));
    assertTrue(FeatureCompiler.index(out).contains("\"descriptorClass\":\"acme.good.GoodFeature_FeatureDescriptor\""));
  }
}
