package dev.yoi.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysDoubleFromTheBaseAndStopAtTheMax() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
    List<Long> seconds = IntStream.rangeClosed(1, 6).mapToObj(backoff::delay).map(Duration::toSeconds).toList();
    assertEquals(List.of(1L, 2L, 4L, 8L, 10L, 10L), seconds);
  }

  @Test
  void aVeryLongFailureStreakDoesNotOverflow() {
    Backoff backoff = Backoff.standard();
    assertEquals(Duration.ofMinutes(5), backoff.delay(Integer.MAX_VALUE));
  }

  @Test
  void nonsenseBoundsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> Backoff.standard().delay(0));
  }
}
