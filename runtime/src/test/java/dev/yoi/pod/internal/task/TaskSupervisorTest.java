package dev.yoi.pod.internal.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.annotation.RestartPolicy;
import dev.yoi.pod.Backoff;
import dev.yoi.pod.fixture.Contributions;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.task.TaskState;
import dev.yoi.pod.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskSupervisorTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String FEATURE = "builtin:chores";

  final List<Diagnostic> diagnostics = new CopyOnWriteArrayList<>();
  final List<TaskStatus> events = new CopyOnWriteArrayList<>();
  final List<Watch> watches = new CopyOnWriteArrayList<>();
  final TaskSupervisor supervisor = new TaskSupervisor(
      new Backoff(Duration.ofMillis(1), Duration.ofMillis(8)), diagnostics::add, this::observe);

  /** Counts down when {@code count} events matched. */
  record Watch(Predicate<TaskStatus> matches, CountDownLatch latch) {}

  void observe(TaskStatus status) {
    events.add(status);
    for (Watch watch : watches) {
      if (watch.matches().test(status)) {
        watch.latch().countDown();
      }
    }
  }

  CountDownLatch when(int count, Predicate<TaskStatus> matches) {
    CountDownLatch latch = new CountDownLatch(count);
    watches.add(new Watch(matches, latch));
    return latch;
  }

  static Predicate<TaskStatus> in(TaskState state) {
    return status -> status.state() == state;
  }

  static void await(CountDownLatch latch) throws InterruptedException {
    assertTrue(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS), "timed out waiting for the task");
  }

  static Optional<Thread> thread(String task) {
    String name = TaskSupervisor.THREAD_PREFIX + FEATURE + "/" + task;
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst();
  }

  @AfterEach
  void close() {
    supervisor.close(Duration.ofSeconds(5));
  }

  @Test
  void aRunOnceTaskThatReturnsEndsStopped() throws Exception {
    CountDownLatch stopped = when(1, in(TaskState.STOPPED));
    supervisor.commit(Contributions.of(FEATURE).task("once", "", RestartPolicy.ON_FAILURE, context -> {}).build());
    supervisor.start();

    await(stopped);

    assertEquals(List.of(TaskState.STARTING, TaskState.RUNNING, TaskState.STOPPED),
        events.stream().map(TaskStatus::state).toList());
    TaskStatus status = supervisor.status(FEATURE, "once").orElseThrow();
    assertEquals(1, status.starts());
    assertEquals(0, status.failures());
  }

  @Test
  void aPeriodicTaskRunsAgainEveryPeriod() throws Exception {
    CountDownLatch threeRuns = new CountDownLatch(3);
    supervisor.commit(Contributions.of(FEATURE)
        .task("tick", "PT0.001S", RestartPolicy.ON_FAILURE, context -> threeRuns.countDown())
        .build());
    supervisor.start();

    await(threeRuns);

    assertTrue(supervisor.status(FEATURE, "tick").orElseThrow().starts() >= 3);
    assertEquals(List.of(), diagnostics);
  }

  @Test
  void aTaskThatCrashesInALoopBacksOffExponentiallyUpToTheMaxAndKeepsRestarting() throws Exception {
    CountDownLatch sixBackoffs = when(6, in(TaskState.BACKOFF));
    supervisor.commit(Contributions.of(FEATURE)
        .task("crash", "", RestartPolicy.ON_FAILURE, context -> {
          throw new IllegalStateException("cannot reach the store");
        })
        .build());
    supervisor.start();

    await(sixBackoffs);

    List<Long> waits = events.stream().filter(in(TaskState.BACKOFF))
        .map(status -> status.backoff().toMillis()).limit(6).toList();
    assertEquals(List.of(1L, 2L, 4L, 8L, 8L, 8L), waits);
    TaskStatus status = supervisor.status(FEATURE, "crash").orElseThrow();
    assertTrue(status.failures() >= 6, status.toString());
    assertEquals(Optional.of("IllegalStateException: cannot reach the store"), status.lastFailure());
    Diagnostic first = diagnostics.get(0);
    assertEquals("yoi/task-failed", first.code());
    assertEquals(FEATURE, first.featureId());
    assertTrue(first.message().startsWith("[yoi/task-failed] background task \"crash\" of feature "
        + FEATURE + " was expected to run until cancelled, or return, but threw"
        + " IllegalStateException: cannot reach the store (failure 1 in a row, 1 in all); it restarts in"
        + " PT0.001S"), first.message());
  }

  @Test
  void aSuccessResetsTheBackoff() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch threeBackoffs = when(3, in(TaskState.BACKOFF));
    // fail, fail, succeed, fail, ...
    supervisor.commit(Contributions.of(FEATURE)
        .task("flaky", "PT0.001S", RestartPolicy.ON_FAILURE, context -> {
          if (runs.incrementAndGet() != 3) {
            throw new IllegalStateException("run " + runs.get());
          }
        })
        .build());
    supervisor.start();

    await(threeBackoffs);

    List<Long> waits = events.stream().filter(in(TaskState.BACKOFF))
        .map(status -> status.backoff().toMillis()).limit(3).toList();
    assertEquals(List.of(1L, 2L, 1L), waits);
  }

  @Test
  void underNeverAFailureEndsTheTaskFailedWithoutRestart() throws Exception {
    CountDownLatch failed = when(1, in(TaskState.FAILED));
    supervisor.commit(Contributions.of(FEATURE)
        .task("fragile", "", RestartPolicy.NEVER, context -> {
          throw new IllegalStateException("broken");
        })
        .build());
    supervisor.start();

    await(failed);

    TaskStatus status = supervisor.status(FEATURE, "fragile").orElseThrow();
    assertEquals(TaskState.FAILED, status.state());
    assertEquals(1, status.starts());
    assertTrue(diagnostics.get(0).message().contains("restart = NEVER"), diagnostics.get(0).message());
  }

  @Test
  void underAlwaysARunOnceTaskIsRestartedAfterItReturns() throws Exception {
    CountDownLatch threeRuns = new CountDownLatch(3);
    supervisor.commit(Contributions.of(FEATURE)
        .task("again", "", RestartPolicy.ALWAYS, context -> threeRuns.countDown())
        .build());
    supervisor.start();

    await(threeRuns);

    assertTrue(events.stream().anyMatch(in(TaskState.BACKOFF)));
    assertEquals(List.of(), diagnostics);
  }

  @Test
  void closeCancelsCooperativeTasksAndLeavesNoThreadBehind() throws Exception {
    CountDownLatch bothRunning = when(2, in(TaskState.RUNNING));
    List<Boolean> sawCancellation = new CopyOnWriteArrayList<>();
    supervisor.commit(Contributions.of(FEATURE)
        .task("waiter", "", RestartPolicy.ON_FAILURE, context -> {
          sawCancellation.add(context.awaitCancellation(Duration.ofHours(1)) && context.isCancelled());
        })
        .task("hourly", "PT1H", RestartPolicy.ON_FAILURE, context -> {})
        .build());
    supervisor.start();
    await(bothRunning);
    assertTrue(thread("waiter").isPresent());

    List<TaskStatus> abandoned = supervisor.close(Duration.ofSeconds(10));

    assertEquals(List.of(), abandoned);
    assertEquals(List.of(true), sawCancellation);
    assertFalse(thread("waiter").isPresent(), "the waiter's thread is still alive");
    assertFalse(thread("hourly").isPresent(), "the hourly task's thread is still alive");
    assertEquals(List.of(TaskState.STOPPED, TaskState.STOPPED),
        supervisor.statuses().stream().map(TaskStatus::state).toList());
    assertEquals(List.of(), diagnostics);
  }

  @Test
  void aTaskInterruptedOutOfABlockingCallByCloseIsStoppedNotFailed() throws Exception {
    CountDownLatch running = when(1, in(TaskState.RUNNING));
    supervisor.commit(Contributions.of(FEATURE)
        .task("sleeper", "", RestartPolicy.ON_FAILURE, context -> Thread.sleep(Duration.ofHours(1).toMillis()))
        .build());
    supervisor.start();
    await(running);

    assertEquals(List.of(), supervisor.close(Duration.ofSeconds(10)));

    assertEquals(TaskState.STOPPED, supervisor.status(FEATURE, "sleeper").orElseThrow().state());
    assertEquals(List.of(), diagnostics);
  }

  @Test
  void aTaskThatIgnoresCancellationIsAbandonedAndReported() throws Exception {
    CountDownLatch running = when(1, in(TaskState.RUNNING));
    CountDownLatch release = new CountDownLatch(1);
    supervisor.commit(Contributions.of(FEATURE)
        .task("stubborn", "", RestartPolicy.ON_FAILURE, context -> {
          while (true) {
            try {
              release.await();
              return;
            } catch (InterruptedException ignored) {
              // deliberately ignores the host
            }
          }
        })
        .build());
    supervisor.start();
    await(running);
    Thread stubborn = thread("stubborn").orElseThrow();

    try {
      List<TaskStatus> abandoned = supervisor.close(Duration.ofMillis(50));

      assertEquals(1, abandoned.size());
      assertEquals(TaskState.FAILED, abandoned.get(0).state());
      assertTrue(stubborn.isDaemon());
      Diagnostic diagnostic = diagnostics.get(0);
      assertEquals("yoi/task-abandoned", diagnostic.code());
      assertTrue(diagnostic.message().contains("\"" + TaskSupervisor.THREAD_PREFIX + FEATURE + "/stubborn\""),
          diagnostic.message());
    } finally {
      release.countDown();
      stubborn.join(WAIT.toMillis());
    }
    assertFalse(stubborn.isAlive());
    assertEquals(TaskState.FAILED, supervisor.status(FEATURE, "stubborn").orElseThrow().state());
  }

  @Test
  void aTaskSeesItsFeaturesNotifierAndAlerts() throws Exception {
    List<String> notes = new CopyOnWriteArrayList<>();
    List<String> alerts = new CopyOnWriteArrayList<>();
    CountDownLatch stopped = when(1, in(TaskState.STOPPED));
    supervisor.commit(Contributions.of(FEATURE)
        .task("remind", "", RestartPolicy.ON_FAILURE, context -> {
          context.notifier().notifyModel(context.featureId() + "/" + context.taskName());
          context.alerts().warning("stale tasks");
        }, notes::add, (level, message) -> alerts.add(level + " " + message))
        .build());
    supervisor.start();

    await(stopped);

    assertEquals(List.of(FEATURE + "/remind"), notes);
    assertEquals(List.of(Alerts.Level.WARNING + " stale tasks"), alerts);
  }

  @Test
  void statusesAreListedByFeatureThenName() {
    supervisor.commit(Contributions.of("project:b").task("x", "", RestartPolicy.NEVER, c -> {}).build());
    supervisor.commit(Contributions.of("builtin:a").task("z", "", RestartPolicy.NEVER, c -> {})
        .task("y", "", RestartPolicy.NEVER, c -> {}).build());

    List<String> labels = new ArrayList<>();
    supervisor.statuses().forEach(status -> labels.add(status.label()));

    assertEquals(List.of("builtin:a/y", "builtin:a/z", "project:b/x"), labels);
  }
}
