package dev.yoi.feature.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a property over generated cases, each from its own seeded {@link SplittableRandom}: case
 * {@code i} of seed {@code s} is always drawn from {@code new SplittableRandom(s + i)}, so a failure
 * reproduces from the two numbers it prints. The seed is {@link #DEFAULT_SEED} unless
 * {@code -Dyoi.seed=...}; {@code -Dyoi.case=...} runs that one case only. Every case runs; the
 * failures are reported together, each with its seed, case index, value and the command that
 * replays it.
 */
final class SeededCases {
  static final String SEED_PROPERTY = "yoi.seed";
  static final String CASE_PROPERTY = "yoi.case";
  /** The fixed seed of a normal run: the same cases on every machine, every time. */
  static final long DEFAULT_SEED = 20_251_125L;
  /** Failures shown in full; the others are counted. */
  private static final int SHOWN = 10;

  private SeededCases() {}

  static long seed() {
    return Long.decode(System.getProperty(SEED_PROPERTY, Long.toString(DEFAULT_SEED)).trim());
  }

  /**
   * Checks {@code property} on cases {@code first} to {@code first + count - 1} drawn by
   * {@code gen} (or on the one case {@code -Dyoi.case} names, if it is in that range). Anything
   * the check throws is a failure, exceptions included. Returns the number of cases run.
   */
  static <T> int check(String test, int first, int count, Gen<T> gen, Consumer<? super T> property) {
    long seed = seed();
    String only = System.getProperty(CASE_PROPERTY);
    int from = first;
    int to = first + count;
    if (only != null && !only.isBlank()) {
      int index = Integer.parseInt(only.trim());
      if (index < first || index >= to) {
        return 0;
      }
      from = index;
      to = index + 1;
    }
    List<String> failures = new ArrayList<>();
    List<Throwable> causes = new ArrayList<>();
    for (int i = from; i < to; i++) {
      T value = gen.next(new SplittableRandom(seed + i));
      try {
        property.accept(value);
      } catch (Throwable t) { // the property is that nothing escapes; an Error is a failure too
        if (t instanceof VirtualMachineError vm && !(t instanceof StackOverflowError)) {
          throw vm;
        }
        String failure = "seed " + seed + ", case " + i + ": " + t + "\n  value: " + shorten(String.valueOf(value))
            + "\n  replay: mvn -B -o -pl runtime -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest='" + test + "'"
            + " -D" + SEED_PROPERTY + "=" + seed + " -D" + CASE_PROPERTY + "=" + i
            + (Soak.enabled() ? " -D" + Soak.PROPERTY + "=true" : "");
        failures.add(failure);
        if (causes.size() < SHOWN) {
          causes.add(t);
        }
      }
    }
    if (!failures.isEmpty()) {
      StringBuilder message = new StringBuilder()
          .append(failures.size()).append(" of ").append(to - from).append(" cases failed (seed ").append(seed)
          .append(", cases ").append(from).append(" to ").append(to - 1).append("):");
      failures.stream().limit(SHOWN).forEach(f -> message.append("\n- ").append(f));
      if (failures.size() > SHOWN) {
        message.append("\n- and ").append(failures.size() - SHOWN).append(" more");
      }
      AssertionError error = new AssertionError(message.toString(), causes.get(0));
      causes.stream().skip(1).forEach(error::addSuppressed);
      throw error;
    }
    return to - from;
  }

  /** The value as printed in a report: control characters escaped (reports are text files), cut at 2,000 chars. */
  private static String shorten(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 2_000; i++) {
      char c = text.charAt(i);
      out.append(c < ' ' || c == '\u007f' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.length() < 2_000 ? out.toString() : out + "...(" + text.length() + " chars)";
  }
}
