package dev.yoi.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.tool.ToolResult;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where features' state stores live. */
class PodDataDirectoryTest {
  static final String COUNTER = """
      package data.counter;

      @Feature(id = "counter", name = "Counter")
      @RequiresAuthority(value = AuthorityKind.STATE_STORE, scope = "counts", reason = "counts calls")
      public class CounterFeature implements FeatureModule {
        @ToolContribution(name = "Count", description = "Counts its calls")
        public static final class Count implements Tool<JsonNode> {
          private final dev.yoi.pod.state.StateStore counts;

          Count(dev.yoi.pod.state.StateStore counts) {
            this.counts = counts;
          }

          @Override
          public ToolResult call(JsonNode input, ToolContext context) {
            int next = Integer.parseInt(counts.get("calls").orElse("0")) + 1;
            counts.put("calls", Integer.toString(next));
            return ToolResult.text(Integer.toString(next));
          }
        }

        @Override
        public void install(InstallContext context) {
          context.tools().register(new Count(context.stateStore("counts")));
        }
      }
      """;

  /**
   * A task that outlives its Pod: once started on a fresh store it writes until the store refuses,
   * ignoring cancellation and interrupts, then alerts what the store said.
   */
  static final String LATE = """
      package data.late;

      @Feature(id = "late", name = "Late")
      @RequiresAuthority(value = AuthorityKind.STATE_STORE, scope = "marks", reason = "marks who wrote last")
      public class LateFeature implements FeatureModule {
        @BackgroundTaskContribution(name = "stubborn", description = "Writes until its store refuses",
            restart = RestartPolicy.NEVER)
        public static final class Stubborn implements BackgroundTask {
          private final dev.yoi.pod.state.StateStore marks;

          Stubborn(dev.yoi.pod.state.StateStore marks) {
            this.marks = marks;
          }

          @Override
          public void run(TaskContext context) {
            if (marks.get("last").isPresent()) {
              return; // not the first Pod
            }
            marks.put("last", "first pod's task");
            context.alerts().info("running");
            while (true) {
              Thread.interrupted(); // ignores the Pod's interrupt: it outlives close()
              try {
                marks.put("last", "first pod's task, late");
              } catch (IllegalStateException e) {
                context.alerts().warning(e.getMessage());
                return;
              } catch (RuntimeException e) {
                // a write cut short by an interrupt: try again
              }
            }
          }
        }

        @ToolContribution(name = "Mark", description = "Marks the store as written by this Pod")
        public static final class Mark implements Tool<JsonNode> {
          private final dev.yoi.pod.state.StateStore marks;

          Mark(dev.yoi.pod.state.StateStore marks) {
            this.marks = marks;
          }

          @Override
          public ToolResult call(JsonNode input, ToolContext context) {
            marks.put("last", "second pod");
            return ToolResult.text("marked");
          }
        }

        @Override
        public void install(InstallContext context) {
          dev.yoi.pod.state.StateStore marks = context.stateStore("marks");
          context.backgroundTasks().register(new Stubborn(marks));
          context.tools().register(new Mark(marks));
        }
      }
      """;

  @TempDir static Path classes;
  static URLClassLoader counter;
  static URLClassLoader late;

  @TempDir Path directory;

  @BeforeAll
  static void compileFeature() {
    counter = FeatureCompiler.loader(FeatureCompiler.compile(classes.resolve("counter"), FeatureCompiler.java(COUNTER)));
    late = FeatureCompiler.loader(FeatureCompiler.compile(classes.resolve("late"), FeatureCompiler.java(LATE)));
  }

  @AfterAll
  static void closeLoader() throws IOException {
    counter.close();
    late.close();
  }

  ToolResult countOnce(Pod.Builder builder) {
    try (Pod pod = builder.features(counter, FeatureSource.BUILTIN).build()) {
      pod.start();
      return pod.callTool("Count", "{}");
    }
  }

  @Test
  void withOnlyAHistoryDirectoryStateStoresAreFilesBesideTheHistory() throws IOException {
    Path history = directory.resolve("pod");

    assertEquals(ToolResult.text("1"), countOnce(Pod.builder().history(history)));
    assertEquals(ToolResult.text("2"), countOnce(Pod.builder().history(history)));

    assertEquals("{\"calls\":\"2\"}", Files.readString(history.resolve("state/builtin/counter/counts.json")));
  }

  @Test
  void aDataDirectoryWinsOverTheHistoryDirectory() {
    Path history = directory.resolve("pod");
    Path data = directory.resolve("data");

    countOnce(Pod.builder().history(history).dataDirectory(data));

    assertEquals(true, Files.exists(data.resolve("state/builtin/counter/counts.json")));
    assertFalse(Files.exists(history.resolve("state")));
  }

  @Test
  void withNeitherStateStoresLiveInMemory() {
    assertEquals(ToolResult.text("1"), countOnce(Pod.builder()));
    assertEquals(ToolResult.text("1"), countOnce(Pod.builder()));
  }

  // ---- issue 12, item 5: one Pod per data directory; stores revoked at close ---------------------

  @Test
  void twoPodsOnOneDataDirectoryFailFastNamingTheHolderAndTheFirstKeepsItsStore() throws IOException {
    Path data = directory.resolve("data");
    Pod.Builder second = Pod.builder().history(directory.resolve("s2")).dataDirectory(data);
    try (Pod first = Pod.builder().features(counter, FeatureSource.BUILTIN)
        .history(directory.resolve("s1")).dataDirectory(data).build()) {
      first.start();

      IllegalStateException e = assertThrows(IllegalStateException.class, second::build);

      assertEquals("data directory " + data + " is open in another Pod, in this process (pid "
          + ProcessHandle.current().pid() + "); close that Pod first, or give this one its own data"
          + " directory (Pod.builder().dataDirectory(..))", e.getMessage());
      assertEquals(ToolResult.text("1"), first.callTool("Count", "{}"));
    }
    assertEquals("{\"calls\":\"1\"}", Files.readString(data.resolve("state/builtin/counter/counts.json")));
    assertEquals(ToolResult.text("2"), countOnce(second), "the refused Pod released its history; the lock is free");
  }

  @Test
  void aPodWhoseDataDirectoryIsAnotherPodsHistoryDirectoryIsRefused() {
    Path shared = directory.resolve("pod");
    try (Pod first = Pod.builder().history(shared).build()) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> Pod.builder().history(directory.resolve("other")).dataDirectory(shared).build());
      assertTrue(e.getMessage().startsWith("data directory " + shared + " is open in another Pod"), e.getMessage());
    }
  }

  @Test
  void aTaskAbandonedAtCloseIsRefusedItsLateWriteAndCannotClobberTheNextPodsStore() throws Exception {
    Path data = directory.resolve("data");
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch refused = new CountDownLatch(1);
    AtomicReference<String> refusal = new AtomicReference<>();
    AlertSink alerts = alert -> {
      if (alert.message().equals("running")) {
        running.countDown();
      } else {
        refusal.set(alert.message());
        refused.countDown();
      }
    };
    Pod first = Pod.builder().features(late, FeatureSource.BUILTIN).dataDirectory(data).alerts(alerts)
        .closeTimeout(Duration.ofMillis(50)).build();
    first.start();
    assertTrue(running.await(30, TimeUnit.SECONDS), "the task started");

    first.close();

    assertTrue(refused.await(30, TimeUnit.SECONDS), "the store refused the task's write after close()");
    assertEquals("state store \"marks\" of feature builtin:late was closed with its Pod, so this write was"
        + " refused and nothing was written; a task still running after close(), or a reference kept past"
        + " it, must not touch the store", refusal.get());
    try (Pod second = Pod.builder().features(late, FeatureSource.BUILTIN).dataDirectory(data).build()) {
      second.start();
      assertEquals(ToolResult.text("marked"), second.callTool("Mark", "{}"));
    }
    assertEquals("{\"last\":\"second pod\"}", Files.readString(data.resolve("state/builtin/late/marks.json")));
  }
}
