package dev.yoi.feature.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one rule for whose fault a throw is (docs/reliability.md, "Whose fault is a throw"). */
class FaultTest {
  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void whatTheFeaturesCodeThrowsIsItsFaultAStackOverflowToo() {
    for (Throwable thrown : new Throwable[] {new IllegalStateException("x"), new IOException("x"),
        new StackOverflowError(), new NoClassDefFoundError("acme/Gone"),
        new ExceptionInInitializerError("static init"), new AssertionError("x"), new Error("x")}) {
      assertEquals(Fault.FEATURE, Fault.of(thrown), thrown.toString());
      assertEquals(Fault.FEATURE, Fault.caught(thrown), thrown.toString());
    }
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void aFailingJvmIsNobodysFaultAndPropagates() {
    for (Error fatal : new Error[] {new OutOfMemoryError("Java heap space"), new InternalError("x"),
        new UnknownError("x"), new ThreadDeath()}) {
      assertEquals(Fault.FATAL, Fault.of(fatal), fatal.toString());
      assertSame(fatal, assertThrows(Error.class, () -> Fault.caught(fatal)));
    }
  }

  @Test
  void anInterruptIsTheCallersAndItsFlagIsRestored() {
    assertEquals(Fault.INTERRUPTED, Fault.caught(new InterruptedException("woken up")));
    assertTrue(Thread.currentThread().isInterrupted());
  }

  @Test
  void aDescriptionIsTheSimpleNameAndABoundedMessageOnOneLine() {
    assertEquals("StackOverflowError", Fault.describe(new StackOverflowError()));
    assertEquals("IllegalStateException: disk\\nfull", Fault.describe(new IllegalStateException("disk\nfull")));
    String described = Fault.describe(new IllegalStateException("y".repeat(1000)));
    String name = "IllegalStateException: ";
    assertEquals(name + "y".repeat(Excerpt.LIMIT - name.length()) + "... (" + (1000 - Excerpt.LIMIT + name.length())
        + " more characters)", described);
  }

  /** Its message is its cause's, its cause itself by way of another: reading it overflows the stack. */
  static final class CauseCycle extends RuntimeException {
    @Override
    public String getMessage() {
      return "because " + getCause().getMessage();
    }
  }

  /** Every accessor a describer might call throws or lies. */
  static final class NothingWorks extends RuntimeException {
    @Override
    public String getMessage() {
      throw new IllegalStateException("no message");
    }

    @Override
    public String toString() {
      return "java.lang.OutOfMemoryError: it was the host";
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      throw new IllegalStateException("no frames");
    }
  }

  @Test
  void aThrowWhoseAccessorsThrowOrRecurseIsStillDescribedByItsOwnClass() {
    CauseCycle cycle = new CauseCycle();
    CauseCycle other = new CauseCycle();
    cycle.initCause(other);
    other.initCause(cycle);

    assertEquals("CauseCycle (its getMessage() threw StackOverflowError)", Fault.describe(cycle));
    assertEquals("NothingWorks (its getMessage() threw IllegalStateException)", Fault.whole(new NothingWorks()));
    assertEquals("dev.yoi.feature.fault.FaultTest$NothingWorks (its getMessage() threw IllegalStateException)",
        Fault.located(new NothingWorks(), cls -> true));
    assertEquals(null, Fault.message(new NothingWorks()));
  }

  @Test
  void aStackWithHolesGivesTheFirstFrameThereIsOrNone() {
    IllegalStateException holes = new IllegalStateException("boom");
    holes.setStackTrace(new StackTraceElement[] {new StackTraceElement("java.lang.Thread", "run", null, 1),
        new StackTraceElement("com.acme.F", "install", "F.java", 12)});

    assertEquals("java.lang.IllegalStateException: boom (at com.acme.F.install(F.java:12))",
        Fault.located(holes, cls -> cls.startsWith("com.acme.")));
    holes.setStackTrace(new StackTraceElement[0]);
    assertEquals("java.lang.IllegalStateException: boom", Fault.located(holes, cls -> true));
  }

  @Test
  void aJvmFailureWhileReadingAMessagePropagates() {
    OutOfMemoryError fatal = new OutOfMemoryError("Java heap space");
    RuntimeException thrown = new RuntimeException() {
      @Override
      public String getMessage() {
        throw fatal;
      }
    };

    assertSame(fatal, assertThrows(OutOfMemoryError.class, () -> Fault.describe(thrown)));
  }

  @Test
  void anExcerptEscapesEverythingThatCouldMoveACursorOrStartALine() {
    assertEquals("a\\nb\\r\\tc\\u001B[2K\\u0085\\u2028\\u202E\\\\ \\\"q\\\" é 日本 \uD83D\uDE00",
        Excerpt.of("a\nb\r\tc\u001B[2K\u0085\u2028\u202E\\ \"q\" é 日本 \uD83D\uDE00"));
    assertEquals("lone \\uD800 surrogate", Excerpt.of("lone \uD800 surrogate"));
  }

  @Test
  void anExcerptNeverSplitsACharacterAndSaysHowMuchWasLeftOut() {
    String text = "x".repeat(Excerpt.LIMIT - 1) + "\uD83D\uDE00" + "tail";
    assertEquals("x".repeat(Excerpt.LIMIT - 1) + "... (6 more characters)", Excerpt.of(text));
    assertEquals("x".repeat(Excerpt.LIMIT), Excerpt.of("x".repeat(Excerpt.LIMIT)));
  }

  @Test
  void anExcerptCountsItsEscapesAgainstTheLimitSoWhatIsShownStaysWithinIt() {
    String escapes = "\\u001B".repeat(Excerpt.LIMIT / 6);

    assertEquals(escapes + "... (" + (100 - Excerpt.LIMIT / 6) + " more characters)",
        Excerpt.of("\u001b".repeat(100)));
  }

  @Test
  void anEmptyTextStaysEmpty() {
    assertEquals("", Excerpt.of(""));
  }
}
