package dev.yoi.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.history.History;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.tool.ToolResult;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable history survives interrupts: the Pod itself restores a caller's interrupt flag after a
 * tool throws {@link InterruptedException}, and a host may interrupt its own threads at any time.
 */
class PodHistoryDurabilityTest {
  static final String SLEEPY = """
      package durable.sleepy;

      @Feature(id = "sleepy", name = "Sleepy")
      public class SleepyFeature implements FeatureModule {
        @ToolContribution(name = "Nap", description = "Is woken up")
        public static final class Nap implements Tool<JsonNode> {
          @Override
          public ToolResult call(JsonNode input, ToolContext context) throws InterruptedException {
            throw new InterruptedException("woken up");
          }
        }

        @ToolContribution(name = "Echo", description = "Echoes its input")
        public static final class Echo implements Tool<JsonNode> {
          @Override
          public ToolResult call(JsonNode input, ToolContext context) {
            return ToolResult.text(input.toString());
          }
        }

        @Override
        public void install(InstallContext context) {
          context.tools().register(new Nap());
          context.tools().register(new Echo());
        }
      }
      """;

  @TempDir static Path classes;
  static URLClassLoader sleepy;

  @TempDir Path directory;

  @BeforeAll
  static void compileFeature() {
    sleepy = FeatureCompiler.loader(FeatureCompiler.compile(classes.resolve("sleepy"), FeatureCompiler.java(SLEEPY)));
  }

  @AfterAll
  static void closeLoader() throws IOException {
    sleepy.close();
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  Pod pod() {
    Pod pod = Pod.builder().features(sleepy, FeatureSource.BUILTIN).history(directory).build();
    pod.start();
    return pod;
  }

  @Test
  void aToolInterruptedIsAnErrorResultAndLaterCallsAreStillRecordedDurably() {
    try (Pod pod = pod()) {
      ToolResult napped = pod.callTool("Nap", "{}");
      assertTrue(Thread.interrupted(), "the tool's interrupt is handed back to the caller");

      ToolResult echoed = pod.callTool("Echo", "{\"a\":1}");

      assertEquals(ToolResult.error("tool \"Nap\" failed: InterruptedException: woken up"), napped);
      assertEquals(ToolResult.text("{\"a\":1}"), echoed);
    }
    try (History reopened = History.open(directory)) {
      assertEquals(List.of(
          new HistoryEntry.ToolCall("call-1", "Nap", "{}"),
          new HistoryEntry.ToolResult("call-1", "Nap", "tool \"Nap\" failed: InterruptedException: woken up", true),
          new HistoryEntry.ToolCall("call-2", "Echo", "{\"a\":1}"),
          new HistoryEntry.ToolResult("call-2", "Echo", "{\"a\":1}", false)), reopened.entries());
      assertEquals(List.of(), reopened.recoveryDiagnostics());
    }
  }

  @Test
  void aCallerWhoseInterruptFlagIsSetStillGetsItsCallRecorded() {
    try (Pod pod = pod()) {
      Thread.currentThread().interrupt();

      ToolResult echoed = pod.callTool("Echo", "{}");

      assertTrue(Thread.interrupted(), "the caller's own interrupt is left alone");
      assertEquals(ToolResult.text("{}"), echoed);
    }
    try (History reopened = History.open(directory)) {
      assertEquals(2, reopened.entries().size(), reopened.entries().toString());
    }
  }

  /** Issue 12, item 3: UTF-8 cannot hold a lone surrogate; the history escapes it rather than write '?'. */
  @Test
  void aLoneSurrogateInAToolResultIsInTheReopenedHistoryExactlyAsCallToolReturnedIt() {
    ToolResult echoed;
    try (Pod pod = pod()) {
      echoed = pod.callTool("Echo", "{\"text\":\"lone \\ud800 high, lone \\udc00 low\"}");
    }

    assertTrue(echoed.text().contains("lone \uD800 high, lone \uDC00 low"), echoed.text());
    try (History reopened = History.open(directory)) {
      assertEquals(new HistoryEntry.ToolResult("call-1", "Echo", echoed.text(), false), reopened.entries().get(1));
    }
  }
}
