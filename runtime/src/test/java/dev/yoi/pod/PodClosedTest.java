package dev.yoi.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.pod.history.HistoryEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What a closed Pod does with calls and turns (issue 12, item 7): it refuses them with a clear
 * {@link IllegalStateException} and never asks the model again, also for a turn that was already
 * running when {@code close()} closed the history.
 */
class PodClosedTest {
  /** A model that always asks for one more tool call, counting its requests. */
  static final class Insistent implements LlmClient {
    final AtomicInteger requests = new AtomicInteger();

    @Override
    public LlmResponse respond(LlmRequest request) {
      requests.incrementAndGet();
      return new LlmResponse("one more", List.of(new LlmResponse.ToolCallRequest("Missing", "{}")));
    }
  }

  @Test
  void runTurnAfterCloseFailsBeforeTheModelIsAsked() {
    Insistent model = new Insistent();
    Pod pod = Pod.builder().model(model).build();
    pod.start();
    pod.close();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> pod.runTurn("hello?"));

    assertEquals("runTurn needs a started Pod, but it is closed", e.getMessage());
    assertEquals(0, model.requests.get());
  }

  /** What the MCP server relies on: it answers this exception as an error result ("was not called"). */
  @Test
  void callToolAfterCloseIsRefusedWithAnIllegalStateException() {
    Pod pod = Pod.builder().build();
    pod.start();
    pod.close();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> pod.callTool("Missing", "{}"));

    assertEquals("callTool needs a started Pod, but it is closed", e.getMessage());
  }

  @Test
  void aTurnWhoseModelClosesThePodStopsWithoutAskingTheModelAgain() {
    AtomicReference<Pod> self = new AtomicReference<>();
    Insistent insistent = new Insistent();
    LlmClient closing = request -> {
      self.get().close();
      return insistent.respond(request);
    };
    Pod pod = Pod.builder().model(closing).build();
    self.set(pod);
    pod.start();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> pod.runTurn("hello?"));

    assertTrue(e.getMessage().startsWith("turn 1 stopped at model request 1: the Pod was closed (its history"
        + " is closed), so the model is not asked again"), e.getMessage());
    assertEquals(1, insistent.requests.get());
    assertEquals(List.of(new HistoryEntry.UserMessage("hello?")), pod.history());
  }

  @Test
  void aTurnStillRunningWhenCloseGaveUpWaitingStopsBeforeItsNextModelRequest() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    Insistent insistent = new Insistent();
    LlmClient slow = request -> {
      asked.countDown();
      try {
        answer.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return insistent.respond(request);
    };
    Pod pod = Pod.builder().model(slow).closeTimeout(Duration.ZERO).build();
    pod.start();
    CompletableFuture<?> turn = CompletableFuture.runAsync(() -> pod.runTurn("hello?"));
    assertTrue(asked.await(30, TimeUnit.SECONDS), "the model was asked");

    pod.close(); // waits no time for the turn, and closes the history
    answer.countDown();

    ExecutionException failed = assertThrows(ExecutionException.class, () -> turn.get(30, TimeUnit.SECONDS));
    assertTrue(failed.getCause() instanceof IllegalStateException, String.valueOf(failed.getCause()));
    assertTrue(failed.getCause().getMessage().startsWith("turn 1 stopped at model request 1: the Pod was"
        + " closed"), failed.getCause().getMessage());
    assertEquals(1, insistent.requests.get(), "the model was not asked again");
  }
}
