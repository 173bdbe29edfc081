package dev.yoi.pod.internal.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.HookPoint;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.Severity;
import dev.yoi.pod.fixture.Contributions;
import dev.yoi.pod.hook.PreRequestDecision;
import dev.yoi.pod.hook.PreRequestHook;
import dev.yoi.pod.hook.PreToolCallDecision;
import dev.yoi.pod.hook.PreToolCallHook;
import dev.yoi.pod.hook.RequestView;
import dev.yoi.pod.hook.ToolCallView;
import dev.yoi.pod.hook.TurnEndHook;
import dev.yoi.pod.hook.TurnSummary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HookRegistryTest {
  final List<Diagnostic> diagnostics = new ArrayList<>();
  final HookRegistry hooks = new HookRegistry(diagnostics::add);
  final List<String> ran = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final RequestView request = new RequestView(1, "hello", 1, List.of());

  PreRequestHook recording(String name) {
    return request -> {
      ran.add(name);
      return PreRequestDecision.proceed();
    };
  }

  @Test
  void hooksRunByOrderThenFeatureIdThenName() {
    hooks.commit(Contributions.of("project:zeta")
        .hook("a", HookPoint.PRE_REQUEST, 0, recording("project:zeta/a"))
        .hook("late", HookPoint.PRE_REQUEST, 10, recording("project:zeta/late"))
        .build());
    hooks.commit(Contributions.of("builtin:alpha")
        .hook("b", HookPoint.PRE_REQUEST, 0, recording("builtin:alpha/b"))
        .hook("a", HookPoint.PRE_REQUEST, 0, recording("builtin:alpha/a"))
        .hook("early", HookPoint.PRE_REQUEST, -5, recording("builtin:alpha/early"))
        .build());

    assertTrue(hooks.beforeRequest(request, notes::add));
    assertEquals(List.of(), notes);

    List<String> expected = List.of("builtin:alpha/early", "builtin:alpha/a", "builtin:alpha/b",
        "project:zeta/a", "project:zeta/late");
    assertEquals(expected, ran);
    assertEquals(expected, hooks.hooks(HookPoint.PRE_REQUEST).stream()
        .map(h -> h.featureId() + "/" + h.name()).toList());
    assertEquals(List.of(), hooks.hooks(HookPoint.TURN_END));
  }

  @Test
  void theFirstAbortWinsAndNamesTheHook() {
    hooks.commit(Contributions.of("builtin:budget")
        .hook("budget", HookPoint.PRE_REQUEST, 0, (PreRequestHook) r -> PreRequestDecision.abort("out of tokens"))
        .hook("later", HookPoint.PRE_REQUEST, 1, recording("later"))
        .build());

    assertFalse(hooks.beforeRequest(request, notes::add));

    assertEquals(List.of("turn 1 was aborted by pre-request hook \"budget\" of feature builtin:budget"), notes);
    assertEquals(List.of(), ran);
    Diagnostic aborted = diagnostics.get(0);
    assertEquals("yoi/turn-aborted", aborted.code());
    assertEquals(Severity.INFO, aborted.severity());
    assertEquals("builtin:budget", aborted.featureId());
    assertTrue(aborted.message().startsWith("[yoi/turn-aborted] pre-request hook \"budget\" of feature"
        + " builtin:budget aborted turn 1 before model request 1, saying \"out of tokens\"; the model saw"
        + " only the Pod's own note"), aborted.message());
  }

  @Test
  void anAbortReasonGoesToTheFeaturesNotifierBoundedAndOnOneLineAfterThePodsNote() {
    List<String> order = new ArrayList<>();
    hooks.commit(Contributions.of("builtin:budget")
        .hook("budget", HookPoint.PRE_REQUEST, 0,
            (PreRequestHook) r -> PreRequestDecision.abort("over\nbudget " + "x".repeat(300)),
            text -> order.add("feature: " + text))
        .build());

    assertFalse(hooks.beforeRequest(request, note -> order.add("pod: " + note)));

    assertEquals(List.of("pod: turn 1 was aborted by pre-request hook \"budget\" of feature builtin:budget",
        "feature: over\\nbudget " + "x".repeat(200 - "over\\nbudget ".length()) + "... (113 more characters)"),
        order);
    assertTrue(diagnostics.get(0).message().contains("and, as the feature's own note, the reason"),
        diagnostics.get(0).message());
  }

  @Test
  void aThrowingPreRequestHookAbortsAndIsReportedAsAnError() {
    hooks.commit(Contributions.of("project:policy")
        .hook("policy", HookPoint.PRE_REQUEST, 0, (PreRequestHook) r -> {
          throw new IllegalStateException("policy server down");
        })
        .hook("later", HookPoint.PRE_REQUEST, 1, recording("later"))
        .build());

    assertFalse(hooks.beforeRequest(request, notes::add));

    assertEquals(List.of("turn 1 was aborted by pre-request hook \"policy\" of feature project:policy:"
        + " the hook failed"), notes);
    assertEquals(List.of(), ran);
    Diagnostic diagnostic = diagnostics.get(0);
    assertEquals("yoi/hook-failed", diagnostic.code());
    assertEquals(Severity.ERROR, diagnostic.severity());
    assertEquals("project:policy", diagnostic.featureId());
    assertTrue(diagnostic.message().startsWith("[yoi/hook-failed] pre-request hook \"policy\" of feature"
        + " project:policy was expected to return a decision, but threw IllegalStateException: policy"
        + " server down; turn 1 was aborted before model request 1; the model saw only the Pod's own note"),
        diagnostic.message());
    assertTrue(diagnostic.message().contains("features.disable"), diagnostic.message());
  }

  @Test
  void aPreToolCallHookReturningNullDenies() {
    hooks.commit(Contributions.of("project:policy")
        .hook("silent", HookPoint.PRE_TOOL_CALL, 0, (PreToolCallHook) call -> null)
        .build());

    assertInstanceOf(PreToolCallDecision.Deny.class,
        hooks.beforeToolCall(new ToolCallView("call-1", "Shell", "{}")));
    assertEquals("yoi/hook-failed", diagnostics.get(0).code());
  }

  @Test
  void aThrowingTurnEndHookIsReportedAndTheOthersStillRun() {
    List<Long> turns = new ArrayList<>();
    hooks.commit(Contributions.of("project:stats")
        .hook("broken", HookPoint.TURN_END, 0, (TurnEndHook) turn -> {
          throw new IllegalStateException("broken");
        })
        .hook("count", HookPoint.TURN_END, 1, (TurnEndHook) turn -> turns.add(turn.turn()))
        .build());

    hooks.onTurnEnd(new TurnSummary(7, "hi", "hello", List.of(), false));

    assertEquals(List.of(7L), turns);
    assertEquals(1, diagnostics.size());
    assertEquals(Severity.WARNING, diagnostics.get(0).severity());
  }

  @Test
  void aHookThatDoesNotImplementItsPointIsRefusedAndNothingOfTheFeatureIsAdded() {
    assertThrows(IllegalArgumentException.class, () -> hooks.commit(Contributions.of("user:odd")
        .hook("fine", HookPoint.PRE_REQUEST, 0, recording("fine"))
        .hook("wrong", HookPoint.TURN_END, 0, (PreRequestHook) r -> PreRequestDecision.proceed())
        .build()));

    assertEquals(List.of(), hooks.hooks(HookPoint.PRE_REQUEST));
  }

  @Test
  void aSealedRegistryRefusesCommitsAndKeepsItsLists() {
    hooks.commit(Contributions.of("builtin:a").hook("a", HookPoint.PRE_REQUEST, 0, recording("a")).build());
    hooks.seal();

    assertThrows(IllegalStateException.class, () -> hooks.commit(
        Contributions.of("builtin:b").hook("b", HookPoint.PRE_REQUEST, 0, recording("b")).build()));
    assertEquals(1, hooks.hooks(HookPoint.PRE_REQUEST).size());
  }
}
