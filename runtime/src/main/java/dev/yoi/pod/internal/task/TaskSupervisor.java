package dev.yoi.pod.internal.task;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.annotation.RestartPolicy;
import dev.yoi.feature.fault.Fault;
import dev.yoi.feature.install.FeatureContributions;
import dev.yoi.feature.report.Diagnostics;
import dev.yoi.pod.Backoff;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.task.TaskContext;
import dev.yoi.pod.task.TaskState;
import dev.yoi.pod.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs features' background tasks, one daemon thread per task named {@code yoi-task <feature>/<task>}.
 *
 * <p>A run-once task ({@code every} empty) is called once and may run until cancelled; a periodic
 * task is called again {@code every} after each run ends (fixed delay). When {@code run} throws
 * (anything that is the task's own fault by {@link Fault}: a {@code StackOverflowError} too, and
 * an interrupt the supervisor did not send), the {@link RestartPolicy} decides: {@code NEVER} ends in {@link TaskState#FAILED}; otherwise the
 * task waits in {@link TaskState#BACKOFF} ({@link Backoff}, doubling per failure in a row, reset by
 * a success) and starts again. A normal return of a run-once task ends in {@link TaskState#STOPPED},
 * except under {@code ALWAYS}, which restarts it after the backoff base. Every failure is published
 * as {@code yoi/task-failed}; the Pod keeps working.
 *
 * <p>{@link #close} cancels every task (its {@link TaskContext} reports cancelled and
 * {@code awaitCancellation} returns), interrupts its thread, and waits up to a grace period; a task
 * still running then ignored both, is abandoned (its daemon thread cannot keep the JVM alive) and
 * reported as {@code yoi/task-abandoned}.
 */
public final class TaskSupervisor {
  /** The name prefix of every task thread. */
  public static final String THREAD_PREFIX = "yoi-task ";

  private static final Comparator<Supervised> BY_LABEL = Comparator.comparing(s -> s.label);

  private final Backoff backoff;
  private final Consumer<Diagnostic> diagnostics;
  private final Consumer<TaskStatus> listener;
  private final List<Supervised> tasks = new ArrayList<>();
  private boolean started;
  private boolean closed;

  /**
   * @param backoff waits between restarts
   * @param diagnostics where failures and abandoned tasks are published
   * @param listener told every state change, on the task's thread; must be quick and not throw
   */
  public TaskSupervisor(Backoff backoff, Consumer<Diagnostic> diagnostics, Consumer<TaskStatus> listener) {
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Adds one feature's tasks; they run from {@link #start()} (at once if already started). */
  public void commit(FeatureContributions contributions) {
    contributions.tasks().forEach(this::add);
  }

  /**
   * Adds a task; it runs from {@link #start()} (at once if already started).
   *
   * @throws IllegalArgumentException if the feature already has a task of that name
   * @throws IllegalStateException after {@link #close}
   */
  public synchronized void add(FeatureContributions.TaskEntry entry) {
    if (closed) {
      throw new IllegalStateException("the task supervisor is closed; task \"" + entry.descriptor().name()
          + "\" of feature " + entry.featureId() + " was not added");
    }
    Supervised task = new Supervised(entry);
    for (Supervised other : tasks) {
      if (other.label.equals(task.label)) {
        throw new IllegalArgumentException("task " + task.label + " is already supervised");
      }
    }
    tasks.add(task);
    if (started) {
      task.start();
    }
  }

  /** Starts every task added so far, in feature id then task name order. */
  public synchronized void start() {
    if (started || closed) {
      return;
    }
    started = true;
    tasks.sort(BY_LABEL);
    tasks.forEach(Supervised::start);
  }

  /** Every task's status, sorted by feature id then task name. */
  public synchronized List<TaskStatus> statuses() {
    return tasks.stream().sorted(BY_LABEL).map(s -> s.status).toList();
  }

  /** The status of one task. */
  public synchronized Optional<TaskStatus> status(String featureId, String name) {
    String label = featureId + "/" + name;
    return tasks.stream().filter(s -> s.label.equals(label)).map(s -> s.status).findFirst();
  }

  /**
   * Stops every task: cancels, interrupts, and waits up to {@code grace} in all. Idempotent.
   *
   * @return the tasks abandoned because they were still running after {@code grace}
   */
  public List<TaskStatus> close(Duration grace) {
    List<Supervised> running;
    synchronized (this) {
      if (closed) {
        return List.of();
      }
      closed = true;
      running = List.copyOf(tasks);
    }
    running.forEach(Supervised::cancel);
    long deadline = System.nanoTime() + grace.toNanos();
    boolean interrupted = false;
    for (Supervised task : running) {
      if (task.thread == null) {
        continue;
      }
      long remaining = deadline - System.nanoTime();
      try {
        if (remaining > 0 && !interrupted) {
          task.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
        }
      } catch (InterruptedException e) {
        interrupted = true; // stop waiting; whatever still runs is abandoned below
      }
    }
    List<TaskStatus> abandoned = new ArrayList<>();
    for (Supervised task : running) {
      if (task.thread == null) {
        task.update(TaskState.STOPPED, Duration.ZERO);
      } else if (task.thread.isAlive()) {
        abandoned.add(task.abandon(grace));
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return List.copyOf(abandoned);
  }

  /** One task, its thread and its context. */
  private final class Supervised implements Runnable, TaskContext {
    private final FeatureContributions.TaskEntry entry;
    private final String label;
    private final Optional<Duration> period;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private volatile TaskStatus status;
    private Thread thread; // set once, under the supervisor's lock
    private long starts;
    private long failures;
    private Optional<String> lastFailure = Optional.empty();
    private boolean abandoned; // guarded by this

    Supervised(FeatureContributions.TaskEntry entry) {
      this.entry = entry;
      this.label = entry.featureId() + "/" + entry.descriptor().name();
      this.period = entry.descriptor().period();
      this.status = new TaskStatus(entry.featureId(), entry.descriptor().name(), TaskState.STARTING,
          0, 0, Duration.ZERO, Optional.empty());
    }

    void start() {
      thread = new Thread(this, THREAD_PREFIX + label);
      thread.setDaemon(true);
      thread.start();
    }

    void cancel() {
      cancelled.countDown();
      if (thread != null) {
        thread.interrupt();
      }
    }

    @Override
    public void run() {
      int streak = 0;
      boolean restarting = true;
      while (!isCancelled()) {
        if (restarting) {
          update(TaskState.STARTING, Duration.ZERO);
        }
        countStart();
        update(TaskState.RUNNING, Duration.ZERO);
        Throwable failure = null;
        try {
          entry.task().run(this);
        } catch (Throwable t) {
          failure = t;
        }
        if (isCancelled()) {
          break; // however it ended, a cancelled task was stopped by the host
        }
        if (failure != null && Fault.of(failure) == Fault.FATAL) {
          record(failure);
          update(TaskState.FAILED, Duration.ZERO);
          throw (Error) failure; // every FATAL throwable is an Error: the JVM is failing, nothing restarts
        }
        // Not cancelled, so an interrupt did not come from close(): the task's own code sent it
        // (its InterruptedException is a failure like any other). Clear it, or the backoff below
        // would end at once as if the host had cancelled the task.
        Thread.interrupted();
        Duration wait;
        if (failure == null) {
          streak = 0;
          if (period.isPresent()) {
            restarting = false;
            if (sleep(period.get())) {
              break;
            }
            continue;
          }
          if (entry.descriptor().restart() != RestartPolicy.ALWAYS) {
            update(TaskState.STOPPED, Duration.ZERO);
            return;
          }
          wait = backoff.base();
        } else {
          streak++;
          record(failure);
          if (entry.descriptor().restart() == RestartPolicy.NEVER) {
            report(failure, streak, "it is not restarted (restart = NEVER) and is now FAILED");
            update(TaskState.FAILED, Duration.ZERO);
            return;
          }
          wait = backoff.delay(streak);
          report(failure, streak, "it restarts in " + wait + " (backoff doubles per failure in a row,"
              + " up to " + backoff.max() + ")");
        }
        restarting = true;
        update(TaskState.BACKOFF, wait);
        if (sleep(wait)) {
          break;
        }
      }
      update(TaskState.STOPPED, Duration.ZERO);
    }

    /** Waits, returning true if cancelled meanwhile. */
    private boolean sleep(Duration wait) {
      try {
        return cancelled.await(wait.toNanos(), TimeUnit.NANOSECONDS) || isCancelled();
      } catch (InterruptedException e) {
        return true; // only close() interrupts a task thread
      }
    }

    private synchronized void countStart() {
      starts++;
    }

    private synchronized void record(Throwable failure) {
      failures++;
      lastFailure = Optional.of(Fault.describe(failure));
    }

    private void report(Throwable failure, int streak, String consequence) {
      String found;
      long total;
      synchronized (this) {
        found = lastFailure.orElse(failure.getClass().getSimpleName());
        total = failures;
      }
      String expected = period.isPresent()
          ? "to finish each periodic run normally"
          : "to run until cancelled, or return";
      diagnostics.accept(Diagnostics.error(DiagnosticCode.TASK_FAILED, entry.featureId(),
          "background task \"" + entry.descriptor().name()
              + "\" of feature " + entry.featureId() + " was expected " + expected + ", but threw "
              + found + " (failure " + streak + " in a row, " + total + " in all); " + consequence + ". Fix the task, or disable"
              + " feature " + entry.featureId() + " in the Pod manifest (features.disable)."));
    }

    TaskStatus abandon(Duration grace) {
      synchronized (this) {
        abandoned = true;
        lastFailure = Optional.of("ignored cancellation and interruption for " + grace
            + " when the Pod closed; abandoned");
        status = snapshot(TaskState.FAILED, Duration.ZERO);
      }
      publish(status);
      diagnostics.accept(Diagnostics.error(DiagnosticCode.TASK_ABANDONED, entry.featureId(),
          "background task \"" + entry.descriptor().name()
              + "\" of feature " + entry.featureId() + " was expected to stop when the Pod closed,"
              + " but was still running " + grace + " after it was cancelled and interrupted; its"
              + " thread \"" + THREAD_PREFIX + label + "\" was abandoned. Make the task check"
              + " TaskContext.isCancelled() or wait with TaskContext.awaitCancellation(..)."));
      return status;
    }

    void update(TaskState state, Duration wait) {
      TaskStatus next;
      synchronized (this) {
        if (abandoned) {
          return;
        }
        next = snapshot(state, wait);
        status = next;
      }
      publish(next);
    }

    private TaskStatus snapshot(TaskState state, Duration wait) {
      return new TaskStatus(entry.featureId(), entry.descriptor().name(), state, starts, failures,
          wait, lastFailure);
    }

    private void publish(TaskStatus next) {
      try {
        listener.accept(next);
      } catch (RuntimeException e) {
        // The listener is the host's; it must not stop supervision.
      }
    }

    @Override
    public String taskName() {
      return entry.descriptor().name();
    }

    @Override
    public String featureId() {
      return entry.featureId();
    }

    @Override
    public boolean isCancelled() {
      return cancelled.getCount() == 0;
    }

    @Override
    public boolean awaitCancellation(Duration timeout) throws InterruptedException {
      try {
        return cancelled.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        if (isCancelled()) {
          // close() cancels, then interrupts: a cooperative task sees the cancellation, not a throw.
          Thread.currentThread().interrupt();
          return true;
        }
        throw e;
      }
    }

    @Override
    public ModelNotifier notifier() {
      return entry.notifier();
    }

    @Override
    public Alerts alerts() {
      return entry.alerts();
    }

    @Override
    public String toString() {
      return "TaskContext[" + label + "]";
    }
  }
}
