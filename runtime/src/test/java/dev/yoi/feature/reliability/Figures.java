package dev.yoi.feature.reliability;

/**
 * The figures docs/reliability.md quotes, printed by the tests that measure them as
 * {@code [yoi figure] name = value} (surefire shows test output; grep for it). Never asserted on:
 * performance is for benchmarks, not tests.
 */
public final class Figures {
  private Figures() {}

  public static void report(String name, Object value) {
    System.out.println("[yoi figure] " + name + " = " + value);
  }
}
