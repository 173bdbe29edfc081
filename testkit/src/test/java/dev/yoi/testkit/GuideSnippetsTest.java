package dev.yoi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * docs/writing-a-feature.md cannot go stale: every ```java block is a whole source file; the
 * plugin's files compile together with the real processor, the plugin they make installs and
 * works, and the guide's own test class (the test kit section) passes against it.
 */
class GuideSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```");

  @TempDir static Path build;
  static List<String> blocks;
  /** The plugin: every block but the test class, compiled with the processor. */
  static Path classes;
  /** The guide's test class, compiled as Maven compiles tests: no processor, the plugin on the class path. */
  static Path testClasses;

  @BeforeAll
  static void compileTheGuide() throws IOException {
    Path guide = Path.of(System.getProperty("yoi.docs", "../docs")).resolve("writing-a-feature.md");
    Matcher m = JAVA_BLOCK.matcher(Files.readString(guide));
    blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    List<String> main = blocks.stream().filter(b -> !b.contains("import org.junit.")).toList();
    List<String> tests = blocks.stream().filter(b -> b.contains("import org.junit.")).toList();
    classes = build.resolve("classes");
    PluginCompiler.Result result = PluginCompiler.compile(classes,
        List.of("-processor", PluginCompiler.PROCESSOR, "-Ayoi.module=notes", "-Xlint:all,-processing", "-Werror"),
        main.toArray(String[]::new));
    assertTrue(result.ok(), "the guide's Java blocks do not compile:\n" + String.join("\n", result.errors()));
    testClasses = build.resolve("test-classes");
    result = PluginCompiler.compile(testClasses, List.of(classes), List.of("-proc:none", "-Xlint:all", "-Werror"),
        tests.toArray(String[]::new));
    assertTrue(result.ok(), "the guide's test class does not compile:\n" + String.join("\n", result.errors()));
  }

  @Test
  void everyJavaBlockIsAWholeSourceFileWithItsPackageAndImports() {
    assertTrue(blocks.size() >= 8, "found only " + blocks.size() + " java blocks");
    for (String block : blocks) {
      assertTrue(block.startsWith("package com.acme.notes;\n"), "a block without its package line:\n" + block);
      assertTrue(block.contains("\nimport "), "a block without imports:\n" + block);
      assertFalse(block.contains("..."), "a block with an elision:\n" + block);
    }
  }

  @Test
  void theGuidesOwnTestsPassAgainstTheGuidesPlugin() throws Exception {
    String before = System.getProperty(YoiTestPod.PLUGIN_PROPERTY);
    System.setProperty(YoiTestPod.PLUGIN_PROPERTY, classes.toString());
    try (URLClassLoader loader = new URLClassLoader(new URL[] {testClasses.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> guideTest = loader.loadClass("com.acme.notes.NotesFeatureTest");
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
          .selectors(DiscoverySelectors.selectClass(guideTest)).build(), listener);
      TestExecutionSummary summary = listener.getSummary();
      StringWriter failures = new StringWriter();
      summary.printFailuresTo(new PrintWriter(failures), 30);
      assertEquals(0, summary.getTotalFailureCount(), failures.toString());
      assertEquals(5, summary.getTestsSucceededCount(), "the guide's NotesFeatureTest has five tests");
    } finally {
      if (before == null) {
        System.clearProperty(YoiTestPod.PLUGIN_PROPERTY);
      } else {
        System.setProperty(YoiTestPod.PLUGIN_PROPERTY, before);
      }
    }
  }

  @Test
  void theGuidesPluginHasTheIndexTheHostReads() throws IOException {
    String index = Files.readString(classes.resolve("META-INF/yoi/features.jsonl"));
    assertTrue(index.contains("\"slug\":\"notes\""), index);
    assertTrue(index.contains("\"slug\":\"note-tasks\""), index);
  }

  @Test
  void theGuidesPluginInstallsAndItsToolsAndServicesWork() {
    try (YoiTestPod pod = YoiTestPod.project(classes).grantAll().start()) {
      FeatureReport notes = pod.feature("notes");
      assertEquals(FeatureSource.PROJECT, notes.source());
      assertTrue(pod.feature("note-tasks").installed(), "uses builtin:task-store and project:notes");

      assertEquals("Saved: Lisbon on Friday #trip",
          pod.callTool("NoteAdd", "{\"text\":\"Lisbon on Friday\",\"tags\":[\"trip\"]}").text());
      assertEquals("Lisbon on Friday #trip",
          pod.callTool("NoteSearch", "{\"query\":\"TRIP\",\"since\":\"2020-01-01\",\"order\":null}").text());
      assertEquals("No note contains \"rome\".", pod.callTool("NoteSearch", "{\"query\":\"rome\"}").text());
      assertEquals("Created #1 [PENDING] Lisbon on Friday #trip",
          pod.callTool("NoteToTask", "{\"query\":\"lisbon\"}").text());
      assertTrue(pod.callTool("TaskList", "{}").text().contains("Lisbon on Friday"));

      assertTrue(pod.callTool("NoteAdd", "{\"text\":\"\"}").isError());
      assertEquals("NoteAdd failed: text is blank: say what to note", pod.alerts().get(0).message());
    }
  }
}
