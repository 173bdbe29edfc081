package dev.yoi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.pod.Alert;
import dev.yoi.pod.LlmResponse;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.tool.ToolResult;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YoiTestPodTest {
  static final String NOTES = """
      package com.acme.notes;

      import dev.yoi.feature.FeatureModule;
      import dev.yoi.feature.InstallContext;
      import dev.yoi.feature.annotation.AuthorityKind;
      import dev.yoi.feature.annotation.Feature;
      import dev.yoi.feature.annotation.RequiresAuthority;
      import dev.yoi.feature.annotation.ToolContribution;
      import dev.yoi.pod.notify.ModelNotifier;
      import dev.yoi.pod.secret.Secret;
      import dev.yoi.pod.state.StateStore;
      import dev.yoi.pod.tool.Tool;
      import dev.yoi.pod.tool.ToolContext;
      import dev.yoi.pod.tool.ToolResult;
      import java.util.Optional;

      @Feature(id = "notes", name = "Notes", version = "1.0.0", description = "Notes the model keeps.")
      @RequiresAuthority(value = AuthorityKind.STATE_STORE, scope = "notes", reason = "Keeps the notes")
      @RequiresAuthority(value = AuthorityKind.SECRET_REF, scope = "notes-key", optional = true,
          reason = "Signs the notes")
      @RequiresAuthority(value = AuthorityKind.MODEL_NOTIFICATION, optional = true,
          reason = "Tells the model a note was saved")
      public final class NotesFeature implements FeatureModule {
        @Override
        public void install(InstallContext context) {
          StateStore store = context.stateStore("notes");
          Optional<Secret> key = context.grants().has(AuthorityKind.SECRET_REF, "notes-key")
              ? Optional.of(context.secret("notes-key")) : Optional.empty();
          Optional<ModelNotifier> notifier = context.grants().hasAny(AuthorityKind.MODEL_NOTIFICATION)
              ? Optional.of(context.notifier()) : Optional.empty();
          context.tools().register(new NoteAdd(store, key, notifier));
          context.tools().register(new NoteCount(store));
        }

        @ToolContribution(name = "NoteAdd", description = "Saves a note.",
            requires = AuthorityKind.STATE_STORE)
        static final class NoteAdd implements Tool<NoteAdd.Input> {
          record Input(String text) {}

          private final StateStore store;
          private final Optional<Secret> key;
          private final Optional<ModelNotifier> notifier;

          NoteAdd(StateStore store, Optional<Secret> key, Optional<ModelNotifier> notifier) {
            this.store = store;
            this.key = key;
            this.notifier = notifier;
          }

          @Override
          public ToolResult call(Input input, ToolContext context) {
            if (input.text().isBlank()) {
              return ToolResult.error("text is blank: say what to note");
            }
            String id = String.format("%04d", store.entries().size() + 1);
            store.put(id, input.text());
            context.alerts().info("Saved note " + id);
            notifier.ifPresent(n -> n.notifyModel("Note " + id + " was saved."));
            boolean signed = key.flatMap(Secret::value).isPresent();
            return ToolResult.text("Saved note " + id + (signed ? " (signed)" : ""));
          }
        }

        @ToolContribution(name = "NoteCount", description = "Counts the notes.",
            requires = AuthorityKind.STATE_STORE)
        static final class NoteCount implements Tool<NoteCount.Input> {
          record Input() {}

          private final StateStore store;

          NoteCount(StateStore store) {
            this.store = store;
          }

          @Override
          public ToolResult call(Input input, ToolContext context) {
            return ToolResult.text(store.entries().size() + " note(s)");
          }
        }
      }
      """;

  @TempDir static Path build;
  static Path classes;

  @BeforeAll
  static void compileThePlugin() {
    classes = PluginCompiler.compile(build.resolve("classes"), NOTES);
  }

  @Test
  void thePluginIsAProjectPluginAndTheBuiltinsStayBuiltin() {
    try (YoiTestPod pod = YoiTestPod.project(classes).grantAll().start()) {
      FeatureReport notes = pod.feature("notes");
      assertEquals("project:notes", notes.id());
      assertEquals(FeatureSource.PROJECT, notes.source());
      assertTrue(notes.installed());
      FeatureReport memory = pod.feature("builtin:memory");
      assertEquals(FeatureSource.BUILTIN, memory.source());
      assertTrue(memory.installed(), "the builtins on the test class path install as builtins");
      assertTrue(pod.report().feature("builtin:notes").isEmpty());
    }
  }

  @Test
  void aUserPluginGetsTheUserSource() {
    try (YoiTestPod pod = YoiTestPod.user(classes).grantAll().start()) {
      assertEquals("user:notes", pod.feature("notes").id());
      assertEquals(FeatureSource.USER, pod.feature("notes").source());
    }
  }

  @Test
  void grantAllGivesEveryRequestedAuthority() {
    try (YoiTestPod pod = YoiTestPod.project(classes).grantAll().start()) {
      assertEquals(List.of("MODEL_NOTIFICATION", "SECRET_REF:notes-key", "STATE_STORE:notes"),
          pod.feature("notes").granted());
      assertEquals(List.of(), pod.feature("notes").denied());
    }
  }

  @Test
  void aGrantByLabelLeavesTheOtherAuthoritiesDenied() {
    try (YoiTestPod pod = YoiTestPod.project(classes).grant(AuthorityKind.STATE_STORE, "notes").start()) {
      FeatureReport notes = pod.feature("notes");
      assertEquals(List.of("STATE_STORE:notes"), notes.granted());
      assertEquals(List.of("MODEL_NOTIFICATION", "SECRET_REF:notes-key"), notes.denied());
      assertTrue(notes.hasDiagnostic("yoi/authority-denied"));
      pod.callTool("NoteAdd", "{\"text\":\"milk\"}");
      assertEquals(List.of(), pod.history(HistoryEntry.SystemItem.class), "no notification without the grant");
    }
  }

  @Test
  void startFailsTheTestNamingTheFeatureThatDidNotInstallAndWhy() {
    AssertionError failure = assertThrows(AssertionError.class,
        () -> YoiTestPod.project(classes).grant("SECRET_REF:notes-key").start());
    assertTrue(failure.getMessage().contains("project:notes did not install"), failure.getMessage());
    assertTrue(failure.getMessage().contains("[yoi/authority-denied]"), failure.getMessage());
    assertTrue(failure.getMessage().contains("STATE_STORE:notes"), failure.getMessage());
    assertTrue(failure.getMessage().contains("allowInstallFailures()"), failure.getMessage());
  }

  @Test
  void allowInstallFailuresHandsBackTheReport() {
    try (YoiTestPod pod = YoiTestPod.project(classes).allowInstallFailures().start()) {
      FeatureReport notes = pod.feature("notes");
      assertFalse(notes.installed());
      assertTrue(notes.hasDiagnostic("yoi/authority-denied"));
      ToolResult result = pod.callTool("NoteAdd", "{\"text\":\"milk\"}");
      assertTrue(result.isError(), "the tool of a feature that did not install is unknown");
    }
  }

  @Test
  void aScriptedTurnCallsThePluginsToolAndTheHistoryRecordsIt() {
    try (YoiTestPod pod = YoiTestPod.project(classes).grantAll()
        .script(LlmResponse.toolCall("NoteAdd", "{\"text\":\"buy milk\"}"), LlmResponse.text("Noted."))
        .start()) {
      pod.runTurn("Remember to buy milk");
      List<HistoryEntry> history = pod.history();
      assertEquals(new HistoryEntry.UserMessage("Remember to buy milk"), history.get(0));
      assertEquals(new HistoryEntry.ToolResult("call-1", "NoteAdd", "Saved note 0001", false),
          pod.history(HistoryEntry.ToolResult.class).get(0));
      assertEquals(List.of(new HistoryEntry.SystemItem("project:notes", "Note 0001 was saved.")),
          pod.history(HistoryEntry.SystemItem.class));
      assertEquals(new HistoryEntry.AssistantMessage("Noted."), history.get(history.size() - 1));
      assertEquals(2, pod.modelRequests().size(), "the model saw the turn twice: before and after the call");
      assertTrue(pod.modelRequests().get(0).tools().stream().anyMatch(t -> t.name().equals("NoteAdd")));
    }
  }

  @Test
  void alertsAndDiagnosticsAreCollected() {
    try (YoiTestPod pod = YoiTestPod.project(classes).grantAll().start()) {
      pod.callTool("NoteAdd", "{\"text\":\"milk\"}");
      assertEquals(List.of(new Alert("project:notes", Alerts.Level.INFO, "Saved note 0001")), pod.alerts());
      ToolResult bad = pod.callTool("NoteAdd", "{\"txt\":\"milk\"}");
      assertTrue(bad.isError());
      assertTrue(bad.text().contains("text"), bad.text());
    }
  }

  @Test
  void secretsComeFromTheTestNeverFromTheEnvironment() {
    try (YoiTestPod pod = YoiTestPod.project(classes).grantAll().secret("notes-key", "s3cret").start()) {
      assertEquals("Saved note 0001 (signed)", pod.callTool("NoteAdd", "{\"text\":\"milk\"}").text());
    }
    try (YoiTestPod pod = YoiTestPod.project(classes).grantAll().start()) {
      assertEquals("Saved note 0001", pod.callTool("NoteAdd", "{\"text\":\"milk\"}").text());
    }
  }

  @Test
  void restartKeepsTheStateStoresAndTheHistory() {
    YoiTestPod first = YoiTestPod.project(classes).grantAll().start();
    first.callTool("NoteAdd", "{\"text\":\"milk\"}");
    try (YoiTestPod second = first.restart()) {
      assertEquals("1 note(s)", second.callTool("NoteCount", "{}").text());
      assertEquals(2, second.history(HistoryEntry.ToolCall.class).size(), "the first Pod's call is still there");
      assertEquals(first.workDirectory(), second.workDirectory());
    }
    assertFalse(Files.exists(first.workDirectory()), "the last Pod deletes the work directory");
  }

  @Test
  void theWorkDirectoryIsDeletedOnCloseUnlessTheTestGaveIt(@TempDir Path mine) {
    Path made;
    try (YoiTestPod pod = YoiTestPod.project(classes).grantAll().start()) {
      pod.callTool("NoteAdd", "{\"text\":\"milk\"}");
      made = pod.workDirectory();
      assertTrue(Files.isRegularFile(made.resolve("history/history.jsonl")));
    }
    assertFalse(Files.exists(made));
    try (YoiTestPod pod = YoiTestPod.project(classes).grantAll().workDirectory(mine).start()) {
      pod.callTool("NoteAdd", "{\"text\":\"milk\"}");
    }
    assertTrue(Files.isRegularFile(mine.resolve("history/history.jsonl")));
  }

  @Test
  void manifestToolRulesAreEnforcedByTheBuiltin() {
    try (YoiTestPod pod = YoiTestPod.project(classes).grantAll().denyTools("NoteAdd").start()) {
      ToolResult denied = pod.callTool("NoteAdd", "{\"text\":\"milk\"}");
      assertTrue(denied.isError());
      assertTrue(denied.text().contains("denied by the Pod manifest"), denied.text());
    }
  }

  @Test
  void withoutBuiltinsOnlyThePluginInstalls() {
    try (YoiTestPod pod = YoiTestPod.project(classes).grantAll().withoutBuiltins().start()) {
      assertEquals(List.of("project:notes"), pod.report().features().stream().map(FeatureReport::id).toList());
    }
  }

  @Test
  void aJarWorksAsWellAsAClassDirectory() {
    Path jar = PluginCompiler.jar(classes, build.resolve("notes.jar"));
    try (YoiTestPod pod = YoiTestPod.project(jar).grantAll().start()) {
      assertTrue(pod.feature("notes").locations().get(0).startsWith("jar:"), pod.feature("notes").locations().toString());
      assertEquals("Saved note 0001", pod.callTool("NoteAdd", "{\"text\":\"milk\"}").text());
    }
  }

  @Test
  void outputAlsoOnTheTestClassPathIsRefusedSayingWhatToPutInThePom() throws Exception {
    try (URLClassLoader testClassPath = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> PluginClasses.open(FeatureSource.PROJECT, List.of(classes), testClassPath));
      assertTrue(refused.getMessage().contains("also on the test class path"), refused.getMessage());
      assertTrue(refused.getMessage().contains("<classesDirectory>"), refused.getMessage());
    }
    Path jar = PluginCompiler.jar(classes, build.resolve("notes-on-the-class-path.jar"));
    try (URLClassLoader testClassPath = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> PluginClasses.open(FeatureSource.PROJECT, List.of(classes), testClassPath));
      assertTrue(refused.getMessage().contains("com.acme.notes.NotesFeature_FeatureDescriptor"), refused.getMessage());
    }
  }

  @Test
  void outputWithoutAnIndexSaysTheProcessorDidNotRun() {
    Path unprocessed = build.resolve("unprocessed");
    PluginCompiler.Result result = PluginCompiler.compile(unprocessed, List.of("-proc:none"), NOTES);
    assertTrue(result.ok(), result.errors().toString());
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> YoiTestPod.project(unprocessed).grantAll().start());
    assertTrue(refused.getMessage().contains("the Yoi processor did not run"), refused.getMessage());
    assertTrue(refused.getMessage().contains("annotationProcessorPaths"), refused.getMessage());
  }

  @Test
  void missingOutputSaysToCompileFirst() {
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> YoiTestPod.project(build.resolve("nowhere")).start());
    assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());
  }

  @Test
  void thePluginUnderTestIsNamedByTheSystemProperty() {
    String before = System.getProperty(YoiTestPod.PLUGIN_PROPERTY);
    System.setProperty(YoiTestPod.PLUGIN_PROPERTY, classes + File.pathSeparator + build.resolve("more"));
    try {
      assertEquals(List.of(classes, build.resolve("more")), YoiTestPod.pluginUnderTest());
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> YoiTestPod.project().grantAll().start(), "a missing second root is refused, not skipped");
      assertTrue(refused.getMessage().contains(build.resolve("more").toString()), refused.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(YoiTestPod.PLUGIN_PROPERTY);
      } else {
        System.setProperty(YoiTestPod.PLUGIN_PROPERTY, before);
      }
    }
  }
}
