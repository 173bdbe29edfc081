package dev.yoi.pod;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounded exponential backoff: the wait after the n-th failure in a row is
 * {@code min(max, base * 2^(n-1))}. A success resets the count.
 *
 * @param base the wait after the first failure (and after a normal return under {@code ALWAYS})
 * @param max the longest wait
 */
public record Backoff(Duration base, Duration max) {
  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("backoff base must be positive, was " + base);
    }
    if (max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff max " + max + " is shorter than its base " + base);
    }
  }

  /** One second, doubling up to five minutes. */
  public static Backoff standard() {
    return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
  }

  /** The wait after {@code consecutiveFailures} failures in a row (at least 1). */
  public Duration delay(int consecutiveFailures) {
    if (consecutiveFailures < 1) {
      throw new IllegalArgumentException("consecutiveFailures must be at least 1, was " + consecutiveFailures);
    }
    // Double until max; stop early so the arithmetic never overflows.
    Duration delay = base;
    for (int i = 1; i < consecutiveFailures && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
