package dev.yoi.feature.fault;

/**
 * Whose fault a {@link Throwable} is when it escapes code the host called: a feature's constructor
 * or {@code install}, a tool, a hook, a background task (and, by the same rule, the host's own
 * model client). The one owner of this rule: every site that runs such code catches
 * {@code Throwable} and asks {@link #caught}, so a tool, a hook, a task and an install give the
 * same answer for the same throw. docs/reliability.md ("Whose fault is a throw") says why.
 */
public enum Fault {
  /**
   * The code that threw is at fault, and only it: the host reports it against that code
   * ({@code yoi/install-failed}, an error result and {@code yoi/tool-failed}, {@code yoi/hook-failed},
   * {@code yoi/task-failed}) and carries on. That is every {@link Exception}; every {@link Error}
   * that says something about the code rather than the JVM: {@link AssertionError}, a
   * {@link LinkageError} (the feature's classes do not link: built against another version, a
   * missing dependency, a static initialiser that threw; the host's own classes linked long
   * before any feature ran); and {@link StackOverflowError}: only the throwing thread's stack ran
   * out, and by the time the host's {@code catch} runs it has unwound to the host's own frame, so
   * the JVM and every other thread are as they were.
   */
  FEATURE,

  /**
   * The thread was interrupted ({@link InterruptedException}): whoever interrupted it is stopping
   * the work, so the code is not reported as failing, and the interrupt flag is restored for the
   * caller. (A task's thread belongs to the supervisor, which interrupts it only to cancel it:
   * there an interrupt it did not send is the task's own doing, see TaskSupervisor.)
   */
  INTERRUPTED,

  /**
   * The JVM is failing ({@link OutOfMemoryError}, {@link InternalError}, {@link UnknownError}:
   * every {@link VirtualMachineError} but {@link StackOverflowError}), or the thread is being
   * stopped ({@link ThreadDeath}). No code can be blamed (the heap is shared: the thread that
   * meets the limit is rarely the one that used it up), and nothing should carry on as if it
   * could, so it propagates. {@link #caught} never returns it.
   */
  FATAL;

  /** Which of the three {@code thrown} is; nothing else happens. */
  public static Fault of(Throwable thrown) {
    if (thrown instanceof StackOverflowError) {
      return FEATURE;
    }
    if (thrown instanceof VirtualMachineError || thrown instanceof ThreadDeath) {
      return FATAL;
    }
    if (thrown instanceof InterruptedException) {
      return INTERRUPTED;
    }
    return FEATURE;
  }

  /**
   * For a {@code catch (Throwable t)} around code the host called: rethrows what is
   * {@link #FATAL}, restores the thread's interrupt flag for {@link #INTERRUPTED}, and returns
   * what is left to report ({@link #FEATURE} or {@link #INTERRUPTED}).
   */
  public static Fault caught(Throwable thrown) {
    Fault fault = of(thrown);
    if (fault == FATAL) {
      throw (Error) thrown; // every FATAL throwable is an Error
    }
    if (fault == INTERRUPTED) {
      Thread.currentThread().interrupt();
    }
    return fault;
  }

  /**
   * What was thrown, as an {@link Excerpt} (one line, at most {@link Excerpt#LIMIT} characters):
   * the class's simple name and the message, e.g. {@code IllegalStateException: disk full} or
   * {@code StackOverflowError}. The message is the feature's text, so it is never repeated raw.
   */
  public static String describe(Throwable thrown) {
    return Excerpt.of(whole(thrown));
  }

  /**
   * What was thrown, whole: the class's simple name and the full message. Only for the feature's
   * own result channel (a tool's error result, which the tool could have written itself at any
   * length, and which the model needs whole: a limit's message names the setting that raises it);
   * what the host says in its own name uses {@link #describe}.
   */
  public static String whole(Throwable thrown) {
    String message = thrown.getMessage();
    String name = thrown.getClass().getSimpleName();
    return message == null ? name : name + ": " + message;
  }
}
