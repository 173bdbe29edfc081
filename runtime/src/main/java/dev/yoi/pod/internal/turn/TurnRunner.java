package dev.yoi.pod.internal.turn;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.fault.Fault;
import dev.yoi.feature.report.Diagnostics;
import dev.yoi.pod.LlmClient;
import dev.yoi.pod.LlmRequest;
import dev.yoi.pod.LlmResponse;
import dev.yoi.pod.history.History;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.hook.RequestView;
import dev.yoi.pod.hook.ToolCallView;
import dev.yoi.pod.hook.TurnSummary;
import dev.yoi.pod.internal.hook.HookRegistry;
import dev.yoi.pod.internal.tool.ToolInvoker;
import dev.yoi.pod.internal.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The turn loop. A turn records the user message, then per round: pre-request hooks (an abort, or a
 * failing hook, ends the turn: the Pod's note is recorded as a system item, and the hook's reason
 * only as its feature's own note, see {@link HookRegistry}) → the model → each tool call it
 * asks for, through the whole tool path → the next round, until the model answers without tool
 * calls or the round limit is reached. Turn-end hooks then get the {@link TurnSummary}. One turn at
 * a time; tool calls from other threads may interleave.
 *
 * <p>A turn that outlives its Pod's close (the close timeout passed, or a tool or the model closed
 * the Pod) stops at once with an {@link IllegalStateException}: the model is never asked again
 * once the history is closed. A model reply over the entry limit is a model failure.
 */
public final class TurnRunner {
  /** The most model requests a turn makes unless the host sets another bound. */
  public static final int DEFAULT_MAX_ROUNDS = 16;

  private final LlmClient model;
  private final HookRegistry hooks;
  private final ToolRegistry tools;
  private final ToolInvoker invoker;
  private final History history;
  private final Consumer<Diagnostic> diagnostics;
  private final int maxRounds;
  private long turns;

  /**
   * @param maxRounds the most model requests per turn, at least 1
   * @param diagnostics where model failures and round-limit stops are published
   */
  public TurnRunner(LlmClient model, HookRegistry hooks, ToolRegistry tools, ToolInvoker invoker,
      History history, Consumer<Diagnostic> diagnostics, int maxRounds) {
    this.model = Objects.requireNonNull(model, "model");
    this.hooks = Objects.requireNonNull(hooks, "hooks");
    this.tools = Objects.requireNonNull(tools, "tools");
    this.invoker = Objects.requireNonNull(invoker, "invoker");
    this.history = Objects.requireNonNull(history, "history");
    this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    if (maxRounds < 1) {
      throw new IllegalArgumentException("maxRounds must be at least 1, was " + maxRounds);
    }
    this.maxRounds = maxRounds;
    // Turn numbers continue across a reopened history.
    this.turns = history.entries().stream().filter(e -> e instanceof HistoryEntry.UserMessage).count();
  }

  /** Runs one turn for {@code userMessage}. */
  public synchronized TurnSummary run(String userMessage) {
    Objects.requireNonNull(userMessage, "userMessage");
    record(turns + 1, 0, new HistoryEntry.UserMessage(userMessage)); // an oversized one throws: no turn
    long turn = ++turns;
    List<ToolCallView> calls = new ArrayList<>();
    String reply = "";
    boolean aborted = false;
    for (int round = 1; ; round++) {
      if (history.isClosed()) {
        throw closed(turn, round, null);
      }
      if (round > maxRounds) {
        stopAtLimit(turn);
        break;
      }
      final int requestRound = round;
      boolean proceed = hooks.beforeRequest(new RequestView(turn, userMessage, round, tools.names()),
          note -> record(turn, requestRound, new HistoryEntry.SystemItem("", note)));
      if (!proceed) {
        aborted = true;
        reply = "";
        break;
      }
      LlmResponse response;
      try {
        response = model.respond(new LlmRequest(turn, round, history.entries(), tools.definitions()));
        if (response == null) {
          throw new IllegalStateException("the client returned null instead of an LlmResponse");
        }
        history.entryLimit().check("the model's reply", response.text());
      } catch (Throwable t) {
        // The host's model client, judged by the features' rule: what it throws is its own fault.
        Fault.caught(t);
        modelFailed(turn, round, t);
        break;
      }
      if (!response.text().isEmpty()) {
        record(turn, round, new HistoryEntry.AssistantMessage(response.text()));
        reply = response.text();
      }
      if (response.toolCalls().isEmpty()) {
        break;
      }
      for (LlmResponse.ToolCallRequest request : response.toolCalls()) {
        calls.add(invoker.invoke(request.name(), request.inputJson()).call());
      }
    }
    TurnSummary summary = new TurnSummary(turn, userMessage, reply, calls, aborted);
    hooks.onTurnEnd(summary);
    return summary;
  }

  /** Appends {@code entry}; a history closed meanwhile ends the turn, saying why. */
  private void record(long turn, int round, HistoryEntry entry) {
    try {
      history.append(entry);
    } catch (IllegalStateException e) {
      throw history.isClosed() ? closed(turn, round, e) : e;
    }
  }

  private static IllegalStateException closed(long turn, int round, Exception cause) {
    String where = round == 0 ? "turn " + turn + " was not started"
        : "turn " + turn + " stopped at model request " + round;
    return new IllegalStateException(where + ": the Pod was closed (its history is closed), so the"
        + " model is not asked again and nothing more of the turn is recorded. close() waits up to"
        + " its close timeout for a turn in progress (Pod.builder().closeTimeout(..)); build a new"
        + " Pod to go on with the conversation", cause);
  }

  private void modelFailed(long turn, int round, Throwable t) {
    String failure = Fault.describe(t);
    record(turn, round, new HistoryEntry.SystemItem("", "turn " + turn + " ended without a reply: the"
        + " model request failed (" + failure + ")"));
    diagnostics.accept(Diagnostics.error(DiagnosticCode.MODEL_FAILED, "",
        "the model client " + model.getClass().getName()
            + " was expected to answer request " + round + " of turn " + turn + ", but threw "
            + failure + "; the turn ended without a reply. Check the model client (its"
            + " configuration, credentials and connection)."));
  }

  private void stopAtLimit(long turn) {
    record(turn, maxRounds + 1, new HistoryEntry.SystemItem("", "turn " + turn + " stopped after " + maxRounds
        + " model requests, the most a turn may make; the last tool results have no reply yet"));
    diagnostics.accept(Diagnostics.warning(DiagnosticCode.TURN_LIMIT, "",
        "turn " + turn + " was expected to end within " + maxRounds
            + " model requests, but the model still asked for tool calls; the turn was stopped."
            + " Raise the bound with Pod.builder().maxRoundsPerTurn(..) if such long turns are"
            + " intended."));
  }
}
