package dev.yoi.feature.reliability;

import org.junit.jupiter.api.Assumptions;

/**
 * The reliability tests' two sizes: the CI counts, always run, and the soak counts, run only with
 * {@code -Dyoi.soak=true} (surefire passes it on; see docs/reliability.md).
 */
public final class Soak {
  /** The system property that turns the soak counts on. */
  public static final String PROPERTY = "yoi.soak";

  private Soak() {}

  public static boolean enabled() {
    return Boolean.parseBoolean(System.getProperty(PROPERTY, "false"));
  }

  /** {@code ci} normally, {@code soak} with {@code -Dyoi.soak=true}. */
  public static int count(int ci, int soak) {
    return enabled() ? soak : ci;
  }

  /** Skips the calling test (reported as skipped, with how to run it) unless soaking. */
  public static void only() {
    Assumptions.assumeTrue(enabled(), "soak only: run with -D" + PROPERTY + "=true");
  }
}
