package dev.yoi.pod.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.reliability.Figures;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Backoff;
import dev.yoi.pod.Pod;
import dev.yoi.pod.PodManifest;
import dev.yoi.pod.internal.task.TaskSupervisor;
import dev.yoi.pod.task.TaskState;
import dev.yoi.pod.task.TaskStatus;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6.5, in a real Pod with compiled features: eight tasks crash in a loop and back off at a
 * bounded rate (each restart waits at least the backoff it announced, the backoff doubles up to its
 * maximum and never beyond); {@code close()} with the default 5 s timeout stops every task, the
 * crash loopers, a cooperative waiter, a sleeper, a poller and a periodic ticker, and abandons
 * and reports the one that ignores cancellation and interruption; afterwards no task thread is left.
 * (TaskSupervisorTest covers the supervisor alone; this is the whole Pod, many tasks at once.)
 */
class TaskShutdownTest {
  private static final int CRASHERS = 8;
  private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(20), Duration.ofMillis(160));
  /** How long the stubborn task keeps going after it is cancelled: past the 5 s close timeout. */
  private static final long STUBBORN_MILLIS = 6_500;

  @TempDir static Path shared;
  private static URLClassLoader features;

  @BeforeAll
  static void compile() {
    StringBuilder crashers = new StringBuilder();
    StringBuilder registrations = new StringBuilder();
    for (int i = 0; i < CRASHERS; i++) {
      registrations.append("c.backgroundTasks().register(new Crash").append(i).append("());\n");
      crashers.append("""
            @BackgroundTaskContribution(name = "crash#", description = "Crashes at once")
            public static final class Crash# implements BackgroundTask {
              public void run(TaskContext context) { throw new IllegalStateException("crash #"); }
            }
          """.replace("#", String.valueOf(i)));
    }
    String crashing = """
        package acme.crash;
        @Feature(id = "crashers", name = "Crashers", version = "1.0.0")
        public final class CrashersFeature implements FeatureModule {
          public void install(InstallContext c) {
            REGISTRATIONS
            c.backgroundTasks().register(new Never());
          }
          CRASHERS
          @BackgroundTaskContribution(name = "never", description = "Fails once", restart = RestartPolicy.NEVER)
          public static final class Never implements BackgroundTask {
            public void run(TaskContext context) { throw new IllegalStateException("once"); }
          }
        }
        """.replace("REGISTRATIONS", registrations).replace("CRASHERS", crashers);
    String closing = """
        package acme.close;
        @Feature(id = "closers", name = "Closers", version = "1.0.0")
        public final class ClosersFeature implements FeatureModule {
          public void install(InstallContext c) {
            c.backgroundTasks().register(new Waiter());
            c.backgroundTasks().register(new Sleeper());
            c.backgroundTasks().register(new Poller());
            c.backgroundTasks().register(new Ticker());
            c.backgroundTasks().register(new Stubborn());
          }
          @BackgroundTaskContribution(name = "waiter", description = "Waits for cancellation")
          public static final class Waiter implements BackgroundTask {
            public void run(TaskContext context) throws Exception { context.awaitCancellation(java.time.Duration.ofDays(1)); }
          }
          @BackgroundTaskContribution(name = "sleeper", description = "Sleeps; close interrupts it")
          public static final class Sleeper implements BackgroundTask {
            public void run(TaskContext context) throws Exception { Thread.sleep(86_400_000L); }
          }
          @BackgroundTaskContribution(name = "poller", description = "Polls isCancelled")
          public static final class Poller implements BackgroundTask {
            public void run(TaskContext context) {
              while (!context.isCancelled()) {
                try { Thread.sleep(5); } catch (InterruptedException e) { /* isCancelled says whether to stop */ }
              }
            }
          }
          @BackgroundTaskContribution(name = "ticker", description = "Ticks", every = "PT0.01S")
          public static final class Ticker implements BackgroundTask {
            public void run(TaskContext context) {}
          }
          @BackgroundTaskContribution(name = "stubborn", description = "Ignores the host")
          public static final class Stubborn implements BackgroundTask {
            public void run(TaskContext context) {
              long cancelledAt = 0;
              while (cancelledAt == 0 || System.nanoTime() - cancelledAt < STUBBORN_MILLIS * 1_000_000L) {
                try {
                  Thread.sleep(20);
                } catch (InterruptedException ignored) {
                  // deliberately ignores interruption
                }
                if (cancelledAt == 0 && context.isCancelled()) {
                  cancelledAt = System.nanoTime();
                }
              }
            }
          }
        }
        """.replace("STUBBORN_MILLIS", STUBBORN_MILLIS + "L");
    features = FeatureCompiler.loader(FeatureCompiler.compile(shared.resolve("tasks"),
        FeatureCompiler.java(crashing), FeatureCompiler.java(closing)));
  }

  @AfterAll
  static void closeLoader() throws IOException {
    features.close();
  }

  /** A task status change and when the listener saw it. */
  record Event(TaskStatus status, long nanos) {}

  @Test
  void crashLoopsBackOffAtABoundedRateAndCloseStopsThemAll() throws Exception {
    List<Event> events = new CopyOnWriteArrayList<>();
    CountDownLatch eightFailuresEach = new CountDownLatch(CRASHERS + 1); // and "never" failed once
    PodManifest onlyCrashers = new PodManifest(List.of(), List.of("builtin:closers"), List.of(), List.of(), Optional.empty());
    Pod pod = Pod.builder().features(features, FeatureSource.BUILTIN).manifest(onlyCrashers).taskBackoff(BACKOFF)
        .taskEvents(status -> {
          events.add(new Event(status, System.nanoTime()));
          if ((status.name().startsWith("crash") && status.state() == TaskState.BACKOFF && status.failures() == 8)
              || (status.name().equals("never") && status.state() == TaskState.FAILED)) {
            eightFailuresEach.countDown();
          }
        })
        .build();
    try {
      pod.start();
      assertTrue(eightFailuresEach.await(60, TimeUnit.SECONDS), "the crash loops did not reach 8 failures");
    } finally {
      long closing = System.nanoTime();
      pod.close();
      Figures.report("tasks.close.crashLoopersOnly.millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing));
    }

    for (int i = 0; i < CRASHERS; i++) {
      String name = "crash" + i;
      List<Event> mine = events.stream().filter(e -> e.status().name().equals(name)).toList();
      long announced = -1;
      long backoffAt = 0;
      int backoffs = 0;
      for (Event e : mine) {
        if (e.status().state() == TaskState.BACKOFF) {
          backoffs++;
          Duration expected = BACKOFF.delay(backoffs);
          assertEquals(expected, e.status().backoff(), name + " backoff " + backoffs);
          assertTrue(e.status().backoff().compareTo(BACKOFF.max()) <= 0, "bounded by the maximum");
          announced = e.status().backoff().toNanos();
          backoffAt = e.nanos();
        } else if (e.status().state() == TaskState.RUNNING && announced >= 0) {
          // The rate bound: a restart never comes sooner than the backoff it announced.
          assertTrue(e.nanos() - backoffAt >= announced, name + " restarted " + (e.nanos() - backoffAt)
              + " ns after announcing a " + announced + " ns backoff");
          announced = -1;
        }
      }
      assertTrue(backoffs >= 8, name + " backed off " + backoffs + " times");
      // Measured: the restarts per second of a crash loop at its maximum backoff (bound: 1 / 160 ms).
      List<Long> runs = mine.stream().filter(e -> e.status().state() == TaskState.RUNNING).map(Event::nanos).toList();
      if (i == 0 && runs.size() > 6) {
        double seconds = (runs.get(runs.size() - 1) - runs.get(4)) / 1e9;
        Figures.report("tasks.crashLoop.restartsPerSecondAtMaxBackoff", String.format("%.2f", (runs.size() - 5) / seconds));
      }
    }
    List<TaskStatus> after = pod.tasks();
    for (TaskStatus status : after) {
      TaskState expected = status.name().equals("never") ? TaskState.FAILED : TaskState.STOPPED;
      assertEquals(expected, status.state(), status.toString());
    }
    assertEquals(List.of(), taskThreads("builtin:crashers"), "no task thread left");
  }

  @Test
  void closeStopsEveryTaskWithinItsTimeoutAndAbandonsOnlyTheOneThatIgnoresIt() throws Exception {
    List<Diagnostic> diagnostics = new CopyOnWriteArrayList<>();
    Map<String, CountDownLatch> running = new TreeMap<>();
    for (String name : List.of("waiter", "sleeper", "poller", "ticker", "stubborn")) {
      running.put(name, new CountDownLatch(1));
    }
    CountDownLatch crashed = new CountDownLatch(CRASHERS + 1);
    Pod pod = Pod.builder().features(features, FeatureSource.BUILTIN).taskBackoff(BACKOFF)
        .diagnostics(diagnostics::add)
        .taskEvents(status -> {
          if (status.state() == TaskState.RUNNING && running.containsKey(status.name())) {
            running.get(status.name()).countDown();
          }
          if (status.featureId().equals("builtin:crashers") && status.failures() == 1
              && (status.state() == TaskState.BACKOFF || status.state() == TaskState.FAILED)) {
            crashed.countDown();
          }
        })
        .build();
    Thread stubborn;
    try {
      pod.start();
      for (Map.Entry<String, CountDownLatch> e : running.entrySet()) {
        assertTrue(e.getValue().await(60, TimeUnit.SECONDS), e.getKey() + " never ran");
      }
      // Every crasher has failed once: they are in backoff (or, "never", failed) when close comes.
      assertTrue(crashed.await(60, TimeUnit.SECONDS), "the crashers never ran");
      stubborn = taskThreads("builtin:closers").stream().filter(t -> t.getName().endsWith("/stubborn"))
          .findFirst().orElseThrow();
    } finally {
      long closing = System.nanoTime();
      pod.close(); // the default close timeout: 5 s
      Figures.report("tasks.close.withStubbornTask.millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing));
    }

    // Every task but the stubborn one stopped within the timeout; it was abandoned and reported.
    List<String> alive = new ArrayList<>();
    taskThreads("builtin:c").forEach(t -> alive.add(t.getName()));
    assertEquals(List.of(TaskSupervisor.THREAD_PREFIX + "builtin:closers/stubborn"), alive);
    for (TaskStatus status : pod.tasks()) {
      TaskState expected = switch (status.name()) {
        case "never", "stubborn" -> TaskState.FAILED;
        default -> TaskState.STOPPED;
      };
      assertEquals(expected, status.state(), status.toString());
    }
    List<Diagnostic> abandoned = diagnostics.stream().filter(d -> d.code().equals("yoi/task-abandoned")).toList();
    assertEquals(1, abandoned.size(), diagnostics.toString());
    assertEquals("builtin:closers", abandoned.get(0).featureId());
    assertTrue(abandoned.get(0).message().contains("background task \"stubborn\""), abandoned.get(0).message());
    assertTrue(stubborn.isDaemon(), "an abandoned task cannot keep the JVM alive");

    // When it finally returns, nothing of the Pod is left running.
    stubborn.join(TimeUnit.SECONDS.toMillis(60));
    assertFalse(stubborn.isAlive());
    assertEquals(List.of(), taskThreads("builtin:c"), "no task thread left");
  }

  private static List<Thread> taskThreads(String featurePrefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith(TaskSupervisor.THREAD_PREFIX + featurePrefix))
        .sorted(java.util.Comparator.comparing(Thread::getName))
        .toList();
  }
}
