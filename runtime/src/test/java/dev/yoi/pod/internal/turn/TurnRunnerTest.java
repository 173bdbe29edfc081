package dev.yoi.pod.internal.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.descriptor.HookPoint;
import dev.yoi.feature.Diagnostic;
import dev.yoi.pod.AlertSink;
import dev.yoi.pod.LlmClient;
import dev.yoi.pod.LlmRequest;
import dev.yoi.pod.LlmResponse;
import dev.yoi.pod.ScriptedLlmClient;
import dev.yoi.pod.fixture.Contributions;
import dev.yoi.pod.history.History;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.hook.PreRequestDecision;
import dev.yoi.pod.hook.PreRequestHook;
import dev.yoi.pod.hook.RequestView;
import dev.yoi.pod.hook.ToolCallView;
import dev.yoi.pod.hook.TurnEndHook;
import dev.yoi.pod.hook.TurnSummary;
import dev.yoi.pod.internal.hook.HookRegistry;
import dev.yoi.pod.internal.notify.FeatureAlerts;
import dev.yoi.pod.internal.tool.ToolInvoker;
import dev.yoi.pod.internal.tool.ToolRegistry;
import dev.yoi.pod.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TurnRunnerTest {
  final List<Diagnostic> diagnostics = new ArrayList<>();
  final History history = History.inMemory();
  final ToolRegistry tools = new ToolRegistry();
  final HookRegistry hooks = new HookRegistry(diagnostics::add);
  final ToolInvoker invoker = new ToolInvoker(tools, hooks, history,
      feature -> new FeatureAlerts(feature, AlertSink.discard()), diagnostics::add);
  final List<TurnSummary> ended = new ArrayList<>();
  final List<RequestView> requests = new ArrayList<>();

  TurnRunnerTest() {
    tools.commit(Contributions.of("builtin:task-tools")
        .tool("TaskList", "{\"type\":\"object\",\"additionalProperties\":false}", JsonNode.class,
            (input, context) -> ToolResult.text("[\"buy milk\"]"))
        .build());
    hooks.commit(Contributions.of("builtin:observer")
        .hook("ended", HookPoint.TURN_END, 0, (TurnEndHook) ended::add)
        .hook("requests", HookPoint.PRE_REQUEST, 0, (PreRequestHook) request -> {
          requests.add(request);
          return PreRequestDecision.proceed();
        })
        .build());
  }

  TurnRunner runner(LlmClient model, int maxRounds) {
    return new TurnRunner(model, hooks, tools, invoker, history, diagnostics::add, maxRounds);
  }

  @AfterEach
  void closeHistory() {
    history.close();
  }

  @Test
  void theModelsToolCallsRunThroughTheToolPathAndItsAnswerEndsTheTurn() {
    ScriptedLlmClient model = new ScriptedLlmClient(
        new LlmResponse("Let me look.", List.of(new LlmResponse.ToolCallRequest("TaskList", "{}"))),
        LlmResponse.text("You need to buy milk."));

    TurnSummary summary = runner(model, 4).run("What is on my list?");

    assertEquals(List.of(
        new HistoryEntry.UserMessage("What is on my list?"),
        new HistoryEntry.AssistantMessage("Let me look."),
        new HistoryEntry.ToolCall("call-1", "TaskList", "{}"),
        new HistoryEntry.ToolResult("call-1", "TaskList", "[\"buy milk\"]", false),
        new HistoryEntry.AssistantMessage("You need to buy milk.")), history.entries());
    assertEquals(new TurnSummary(1, "What is on my list?", "You need to buy milk.",
        List.of(new ToolCallView("call-1", "TaskList", "{}")), false), summary);
    assertEquals(List.of(summary), ended);
    List<LlmRequest> sent = model.requests();
    assertEquals(2, sent.size());
    assertEquals(List.of("TaskList"), sent.get(0).tools().stream().map(t -> t.name()).toList());
    assertEquals(4, sent.get(1).history().size());
    assertEquals(List.of(1, 2), requests.stream().map(RequestView::round).toList());
    assertEquals(List.of("TaskList"), requests.get(0).toolNames());
  }

  @Test
  void anAbortingPreRequestHookStopsTheTurnBeforeTheModel() {
    hooks.commit(Contributions.of("builtin:budget")
        .hook("budget", HookPoint.PRE_REQUEST, 5, (PreRequestHook) r -> PreRequestDecision.abort("out of budget"))
        .build());
    ScriptedLlmClient model = new ScriptedLlmClient(LlmResponse.text("never sent"));

    TurnSummary summary = runner(model, 4).run("hi");

    assertTrue(summary.aborted());
    assertEquals("", summary.assistantMessage());
    assertEquals(List.of(), model.requests());
    assertEquals(List.of(new HistoryEntry.UserMessage("hi"), new HistoryEntry.SystemItem("",
        "turn 1 was aborted by pre-request hook \"budget\" of feature builtin:budget")), history.entries(),
        "the Pod's note, and no text of the hook's: its feature may not notify the model");
    assertEquals("yoi/turn-aborted", diagnostics.get(0).code());
    assertTrue(diagnostics.get(0).message().contains("saying \"out of budget\""), diagnostics.get(0).message());
    assertEquals(List.of(summary), ended);
  }

  @Test
  void aThrowingPreRequestHookAbortsTheTurnAndIsReported() {
    hooks.commit(Contributions.of("project:policy")
        .hook("policy", HookPoint.PRE_REQUEST, 5, (PreRequestHook) r -> {
          throw new IllegalStateException("policy server down");
        })
        .build());
    ScriptedLlmClient model = new ScriptedLlmClient(LlmResponse.text("never sent"));

    TurnSummary summary = runner(model, 4).run("hi");

    assertTrue(summary.aborted());
    assertEquals(List.of(), model.requests());
    assertEquals("yoi/hook-failed", diagnostics.get(0).code());
  }

  @Test
  void aFailingModelEndsTheTurnWithoutAReplyAndIsReported() {
    TurnSummary summary = runner(request -> {
      throw new java.io.IOException("connection refused");
    }, 4).run("hi");

    assertFalse(summary.aborted());
    assertEquals("", summary.assistantMessage());
    assertEquals("yoi/model-failed", diagnostics.get(0).code());
    assertTrue(diagnostics.get(0).message().contains("IOException: connection refused"));
    assertTrue(history.entries().get(1) instanceof HistoryEntry.SystemItem item && item.featureId().isEmpty());
    assertEquals(List.of(summary), ended);
  }

  @Test
  void aModelThatNeverStopsCallingToolsIsStoppedAtTheRoundBound() {
    LlmClient looping = request -> LlmResponse.toolCall("TaskList", "{}");

    TurnSummary summary = runner(looping, 3).run("loop");

    assertEquals(3, summary.toolCalls().size());
    assertEquals(List.of(1, 2, 3), requests.stream().map(RequestView::round).toList());
    assertEquals("yoi/turn-limit", diagnostics.get(0).code());
    assertTrue(history.entries().get(history.size() - 1) instanceof HistoryEntry.SystemItem);
  }

  @Test
  void turnNumbersCountOnAcrossTurnsAndRunners() {
    runner(new ScriptedLlmClient(), 2).run("one");
    TurnSummary second = runner(new ScriptedLlmClient(LlmResponse.text("two")), 2).run("two");

    assertEquals(2, second.turn());
    assertEquals("two", second.assistantMessage());
  }

  @Test
  void anExhaustedScriptAnswersSoTheTurnEnds() {
    TurnSummary summary = runner(new ScriptedLlmClient(), 2).run("anyone?");
    assertEquals(ScriptedLlmClient.EXHAUSTED, summary.assistantMessage());
  }
}
