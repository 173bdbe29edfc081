package dev.yoi.feature.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The start's warm-up: a daemon that never keeps the JVM alive, throws nothing, changes nothing. */
class StartWarmUpTest {
  @Test
  void theWarmUpIsADaemonThatEndsWithoutAnUncaughtThrow() throws InterruptedException {
    List<Throwable> uncaught = new ArrayList<>();
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
    try {
      Thread thread = StartWarmUp.start();

      assertTrue(thread.isDaemon());
      thread.join(60_000);
      assertFalse(thread.isAlive());
      assertEquals(List.of(), uncaught);
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }

  @Test
  void theChecksItWarmGiveTheSameAnswersWhileItRuns() throws InterruptedException {
    Thread thread = StartWarmUp.start();

    assertEquals(Optional.empty(), Names.checkVersionRange("range", "^1.2"));
    assertTrue(Names.checkVersion("version", "v1.0.0").isPresent());
    assertEquals("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        Digests.ofCanonicalJson("{}"));
    thread.join(60_000);
  }
}
