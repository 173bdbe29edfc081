package dev.yoi.feature.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureDiagnostics;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.Severity;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Pod;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feature's own notes, through {@code InstallContext.diagnostics()}. */
class FeatureNotesTest {
  static final String CHATTY = """
      package notes.chatty;
      @Feature(id = "chatty", name = "Chatty")
      public final class ChattyFeature implements FeatureModule {
        public interface Greeter { String greet(); }

        @ProvidesService(id = "greeter", version = "1.0.0", type = Greeter.class)
        public static final class Hello implements Greeter {
          private final FeatureDiagnostics notes;
          Hello(FeatureDiagnostics notes) { this.notes = notes; }
          public String greet() {
            notes.warning("greeted after install");
            return "hello";
          }
        }

        public void install(InstallContext c) {
          c.diagnostics().info("installing with " + c.grants().granted().size() + " grants");
          c.services().provide(Greeter.class, new Hello(c.diagnostics()));
        }
      }
      """;

  static final String LISTENER = """
      package notes.listener;
      @Feature(id = "listener", name = "Listener")
      @RequiresService(id = "builtin:greeter", version = "^1.0", type = notes.chatty.ChattyFeature.Greeter.class, reason = "greets")
      public final class ListenerFeature implements FeatureModule {
        public void install(InstallContext c) {
          c.services().require("builtin:greeter", notes.chatty.ChattyFeature.Greeter.class).greet();
        }
      }
      """;

  @TempDir static Path classes;
  static URLClassLoader loader;

  @BeforeAll
  static void compile() {
    Path chatty = FeatureCompiler.compile(classes.resolve("chatty"), FeatureCompiler.java(CHATTY));
    Path listener = FeatureCompiler.compile(classes.resolve("listener"), List.of(chatty), FeatureCompiler.java(LISTENER));
    loader = FeatureCompiler.loader(chatty, listener);
  }

  @AfterAll
  static void close() throws IOException {
    loader.close();
  }

  @Test
  void aNoteDuringInstallIsAFeatureNoteOnTheFeaturesReport() {
    try (Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN).build()) {
      FeatureReport chatty = pod.start().feature("builtin:chatty").orElseThrow();

      assertEquals(List.of(new Diagnostic("yoi/feature-note", Severity.INFO, "builtin:chatty",
          "[yoi/feature-note] builtin:chatty: installing with 0 grants")), chatty.diagnostics());
    }
  }

  @Test
  void aNoteThroughAHandleKeptPastInstallGoesToTheLiveStreamOnly() {
    List<Diagnostic> live = new CopyOnWriteArrayList<>();
    try (Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN).diagnostics(live::add).build()) {
      InstallReport report = pod.start();

      Diagnostic late = new Diagnostic("yoi/feature-note", Severity.WARNING, "builtin:chatty",
          "[yoi/feature-note] builtin:chatty: greeted after install");
      assertTrue(report.feature("builtin:listener").orElseThrow().installed(), report.toJson());
      assertEquals(List.of("yoi/feature-note"), report.feature("builtin:chatty").orElseThrow().diagnostics()
          .stream().map(Diagnostic::code).toList(), "only the note made while it installed");
      assertTrue(live.contains(late), live.toString());
      assertTrue(report.allDiagnostics().stream().noneMatch(late::equals), report.toJson());
    }
  }
}
