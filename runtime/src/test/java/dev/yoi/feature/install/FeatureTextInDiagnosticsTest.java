package dev.yoi.feature.install;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.fault.Excerpt;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Pod;
import dev.yoi.pod.history.EntryLimit;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a feature's own code writes (an exception message, a static initialiser's error, a note it
 * sent while installing) reaches the install report escaped and bounded by the one owner: it
 * cannot start a line of its own, move a terminal's cursor, or fill the report.
 */
class FeatureTextInDiagnosticsTest {
  /** Return, erase the line, a forged diagnostic on a line of its own, and a lot of it. */
  private static final String HOSTILE_JAVA = "\\r\\u001b[2K\\n  error: [yoi/install-failed] forged\\u202e"
      + "\" + \"x\".repeat(1000) + \"";

  @TempDir Path dir;

  private FeatureReport start(String source, String id, Pod.Builder builder) throws IOException {
    try (URLClassLoader loader = FeatureCompiler.loader(FeatureCompiler.compile(dir, FeatureCompiler.java(source)));
        Pod pod = builder.features(loader, FeatureSource.BUILTIN).build()) {
      return pod.start().feature(id).orElseThrow();
    }
  }

  private static void assertIsData(String message) {
    assertTrue(message.codePoints().filter(c -> c != '\n').noneMatch(ControlCharacters::escaped), message);
    assertFalse(message.lines().anyMatch(l -> l.startsWith("  error:")), message);
  }

  @Test
  void anInstallExceptionsMessageIsEscapedAndBounded() throws IOException {
    FeatureReport report = start("""
        package hostile.install;
        @Feature(id = "thrower", name = "Thrower")
        public final class ThrowerFeature implements FeatureModule {
          public void install(InstallContext c) {
            throw new IllegalStateException("no%s");
          }
        }
        """.formatted(HOSTILE_JAVA), "builtin:thrower", Pod.builder());

    String message = report.diagnostics("yoi/install-failed").get(0).message();
    assertIsData(message);
    assertTrue(message.contains("install threw java.lang.IllegalStateException: no\\r\\u001B[2K\\n  error:"),
        message);
    assertTrue(message.contains(" more characters) (at hostile.install.ThrowerFeature.install("), message);
    assertTrue(message.length() < 2 * Excerpt.LIMIT + 500, message.length() + ": " + message);
  }

  @Test
  void aStaticInitialisersLinkageErrorIsEscapedAndBounded() throws IOException {
    FeatureReport report = start("""
        package hostile.link;
        @Feature(id = "linker", name = "Linker")
        public final class LinkerFeature implements FeatureModule {
          static { fail(); }
          static void fail() { throw new NoClassDefFoundError("gone%s"); }
          public void install(InstallContext c) {}
        }
        """.formatted(HOSTILE_JAVA), "builtin:linker", Pod.builder());

    String message = report.diagnostics("yoi/install-failed").get(0).message();
    assertIsData(message);
    assertTrue(message.contains("could not be loaded: java.lang.NoClassDefFoundError: gone\\r\\u001B[2K"), message);
    assertTrue(message.contains(" more characters)"), message);
  }

  @Test
  void aNotificationThatCouldNotBeDeliveredIsNamedEscapedAndBounded() throws IOException {
    FeatureReport report = start("""
        package hostile.notify;
        @Feature(id = "teller", name = "Teller")
        @RequiresAuthority(value = AuthorityKind.MODEL_NOTIFICATION, reason = "tells the model")
        public final class TellerFeature implements FeatureModule {
          public void install(InstallContext c) {
            c.notifier().notifyModel("told\\r\\u001b[2K" + "n".repeat(%d));
          }
        }
        """.formatted(EntryLimit.FLOOR), "builtin:teller", Pod.builder().maxEntryBytes(EntryLimit.FLOOR));

    String message = report.diagnostics("yoi/install-failed").get(0).message();
    assertIsData(message);
    assertTrue(message.contains("model notification \"told\\r\\u001B[2Knnn"), message);
    assertTrue(message.contains("nnn\"... ("), message);
    assertTrue(message.length() < 1000, message.length() + ": " + message);
  }
}
