package dev.yoi.feature.fault;

import java.util.function.Predicate;

/**
 * Whose fault a {@link Throwable} is when it escapes code the host called: a feature's constructor
 * or {@code install}, a tool, a hook, a background task (and, by the same rule, the host's own
 * model client). The one owner of this rule: every site that runs such code catches
 * {@code Throwable} and asks {@link #caught}, so a tool, a hook, a task and an install give the
 * same answer for the same throw. docs/reliability.md ("Whose fault is a throw") says why.
 *
 * <p>It also owns how a throw is described ({@link #describe}, {@link #whole}, {@link #named},
 * {@link #located}, {@link #message}). A feature's exception is its code too: its {@code getMessage},
 * {@code toString}, {@code getStackTrace} and {@code getCause} may throw, overflow the stack,
 * return null or lie, so they are called only here, each guarded, and a description is always
 * one bounded line that names the class by {@code getClass()}, which no feature can override.
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
   * {@code StackOverflowError}. The message is the feature's text, so it is never repeated raw;
   * reading it runs the feature's code, so it is read as {@link #message} does.
   */
  public static String describe(Throwable thrown) {
    return Excerpt.of(whole(thrown));
  }

  /**
   * What was thrown, whole: the class's simple name and the full message (read as {@link #message}
   * does). Only for the feature's own result channel (a tool's error result, which the tool could
   * have written itself at any length, and which the model needs whole: a limit's message names
   * the setting that raises it); what the host says in its own name uses {@link #describe}.
   */
  public static String whole(Throwable thrown) {
    return withMessage(simpleName(thrown), thrown);
  }

  /**
   * {@code java.lang.IllegalStateException: boom}: the class's full name and the message, as an
   * {@link Excerpt}. The name is the class's own ({@code getClass()}), not what its
   * {@code toString} claims.
   */
  public static String named(Throwable thrown) {
    return Excerpt.of(withMessage(thrown.getClass().getName(), thrown));
  }

  /**
   * {@code java.lang.IllegalStateException: boom (at com.acme.F.install(F.java:12))}: {@link #named},
   * and the first frame of the stack whose class {@code featureFrame} accepts (looked for among
   * the first {@link #FRAMES_LOOKED_AT}), as an {@link Excerpt}. A stack that cannot be read, or
   * holds nothing but holes, gives no frame.
   */
  public static String located(Throwable thrown, Predicate<String> featureFrame) {
    StringBuilder out = new StringBuilder(named(thrown));
    StackTraceElement[] frames;
    try {
      frames = thrown.getStackTrace();
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return out.toString();
    }
    for (int i = 0; frames != null && i < Math.min(frames.length, FRAMES_LOOKED_AT); i++) {
      StackTraceElement frame = frames[i];
      if (frame != null && featureFrame.test(frame.getClassName())) {
        out.append(" (at ").append(Excerpt.of(frame.toString())).append(")");
        break;
      }
    }
    return out.toString();
  }

  /**
   * {@code thrown}'s message, or null if it has none, read without trusting it: {@code getMessage}
   * is the feature's to override, and may throw, throw something whose own message throws, or
   * recurse through a cause cycle until the stack overflows. Whatever it throws is not described
   * in turn (that could go on for ever): the message is then {@code null}. Only what is
   * {@link #FATAL} propagates.
   */
  public static String message(Throwable thrown) {
    try {
      return thrown.getMessage();
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return null;
    }
  }

  /** How many frames {@link #located} looks through: a feature's stack is its to fill. */
  static final int FRAMES_LOOKED_AT = 1024;

  private static String withMessage(String name, Throwable thrown) {
    String message;
    try {
      message = thrown.getMessage();
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return name + " (its getMessage() threw " + simpleName(t) + ")";
    }
    return message == null ? name : name + ": " + message;
  }

  /** The class's simple name; its binary name's last part where the class cannot say (a missing outer class). */
  private static String simpleName(Throwable thrown) {
    Class<?> type = thrown.getClass(); // final: the one accessor a feature cannot override
    try {
      String simple = type.getSimpleName();
      if (!simple.isEmpty()) {
        return simple;
      }
    } catch (RuntimeException | LinkageError e) {
      // fall through to the binary name
    }
    String name = type.getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static void rethrowIfFatal(Throwable t) {
    if (of(t) == FATAL) {
      throw (Error) t;
    }
  }
}
