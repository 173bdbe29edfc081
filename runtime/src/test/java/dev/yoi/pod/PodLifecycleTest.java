package dev.yoi.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.Severity;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.history.History;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.tool.ToolResult;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and closing a Pod around what runs in it. */
class PodLifecycleTest {
  static final String SLOW = """
      package lifecycle.slow;

      @Feature(id = "slow", name = "Slow")
      public class SlowFeature implements FeatureModule {
        @ToolContribution(name = "Slow", description = "Raises an alert, which the host's sink holds")
        public static final class Slow implements Tool<JsonNode> {
          @Override
          public ToolResult call(JsonNode input, ToolContext context) {
            context.alerts().info("working");
            return ToolResult.text("done");
          }
        }

        @Override
        public void install(InstallContext context) {
          context.tools().register(new Slow());
        }
      }
      """;

  static final long WAIT_SECONDS = 30;

  @TempDir static Path classes;
  static URLClassLoader slow;

  @TempDir Path directory;

  @BeforeAll
  static void compileFeature() {
    slow = FeatureCompiler.loader(FeatureCompiler.compile(classes.resolve("slow"), FeatureCompiler.java(SLOW)));
  }

  @AfterAll
  static void closeLoader() throws IOException {
    slow.close();
  }

  /** A sink that tells when the tool is inside its call and holds it there until released. */
  static final class HoldingSink implements dev.yoi.pod.AlertSink {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void accept(Alert alert) {
      entered.countDown();
      try {
        release.await(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static void awaitState(Thread thread, Thread.State... states) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    List<Thread.State> wanted = List.of(states);
    while (!wanted.contains(thread.getState()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  @Test
  void closeWaitsForACallInProgressAndItsResultIsRecorded() throws Exception {
    HoldingSink sink = new HoldingSink();
    Pod pod = Pod.builder().features(slow, FeatureSource.BUILTIN).history(directory).alerts(sink)
        .closeTimeout(Duration.ofSeconds(WAIT_SECONDS)).build();
    pod.start();
    CompletableFuture<ToolResult> call = CompletableFuture.supplyAsync(() -> pod.callTool("Slow", "{}"));
    assertTrue(sink.entered.await(WAIT_SECONDS, TimeUnit.SECONDS));

    Thread closer = new Thread(pod::close, "closer");
    closer.start();
    awaitState(closer, Thread.State.TIMED_WAITING, Thread.State.TERMINATED);

    assertEquals(Thread.State.TIMED_WAITING, closer.getState(), "close must wait for the call");
    assertThrows(IllegalStateException.class, () -> pod.callTool("Slow", "{}"), "new calls are refused");
    sink.release.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertEquals(ToolResult.text("done"), call.get(WAIT_SECONDS, TimeUnit.SECONDS));
    try (History reopened = History.open(directory)) {
      assertEquals(List.of(
          new HistoryEntry.ToolCall("call-1", "Slow", "{}"),
          new HistoryEntry.ToolResult("call-1", "Slow", "done", false)), reopened.entries());
      assertEquals(List.of(), reopened.recoveryDiagnostics());
    }
  }

  @Test
  void aStartThatThrowsLeavesAFailedPodThatSaysSoAndStillCloses() {
    Pod pod = Pod.builder().features(slow, FeatureSource.BUILTIN).history(directory)
        .authorityPolicy(request -> {
          throw new AssertionError("the host's policy is broken");
        })
        .build();

    AssertionError thrown = assertThrows(AssertionError.class, pod::start);

    assertEquals("the host's policy is broken", thrown.getMessage());
    IllegalStateException call = assertThrows(IllegalStateException.class, () -> pod.callTool("Slow", "{}"));
    assertTrue(call.getMessage().contains("start() failed"), call.getMessage());
    IllegalStateException again = assertThrows(IllegalStateException.class, pod::start);
    assertTrue(again.getMessage().contains("failed"), again.getMessage());
    pod.close();
    Pod.builder().history(directory).build().close(); // the history was released
  }

  @Test
  void anAlertHeldDuringInstallThatCannotBeDeliveredIsAnInstallFailedDiagnosticNotAnException() {
    String loud = """
        package lifecycle.loud;

        @Feature(id = "loud", name = "Loud")
        public class LoudFeature implements FeatureModule {
          @Override
          public void install(InstallContext context) {
            context.alerts().warning("installed, loudly");
          }
        }
        """;
    try (URLClassLoader loader = FeatureCompiler.loader(FeatureCompiler.compile(classes.resolve("loud"), FeatureCompiler.java(loud)));
        Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN)
            .alerts(alert -> {
              throw new AssertionError("the alert sink is broken");
            })
            .build()) {
      FeatureReport report = pod.start().feature("builtin:loud").orElseThrow();

      assertTrue(report.installed(), report.toString());
      List<Diagnostic> failed = report.diagnostics("yoi/install-failed");
      assertEquals(1, failed.size(), report.toString());
      assertEquals(Severity.WARNING, failed.get(0).severity());
      assertTrue(failed.get(0).message().contains("alert WARNING \"installed, loudly\""), failed.get(0).message());
      assertTrue(failed.get(0).message().contains("AssertionError: the alert sink is broken"), failed.get(0).message());
      assertTrue(pod.callTool("Nothing", "{}").text().startsWith("unknown tool"), "the Pod started");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aCallFromBeforeStartIsRefusedNotQueued() {
    try (Pod pod = Pod.builder().features(slow, FeatureSource.BUILTIN).build()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> pod.callTool("Slow", "{}"));

      assertTrue(e.getMessage().contains("call start() first"), e.getMessage());
    }
  }
}
