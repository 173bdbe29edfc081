package dev.yoi.pod.internal.hook;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.HookPoint;
import dev.yoi.feature.AuthorityDeniedException;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.fault.Excerpt;
import dev.yoi.feature.fault.Fault;
import dev.yoi.feature.install.FeatureContributions;
import dev.yoi.feature.report.Diagnostics;
import dev.yoi.pod.hook.PreRequestDecision;
import dev.yoi.pod.hook.PreRequestHook;
import dev.yoi.pod.hook.PreToolCallDecision;
import dev.yoi.pod.hook.PreToolCallHook;
import dev.yoi.pod.hook.RequestView;
import dev.yoi.pod.hook.ToolCallView;
import dev.yoi.pod.hook.ToolResultHook;
import dev.yoi.pod.hook.TurnEndHook;
import dev.yoi.pod.hook.TurnSummary;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.tool.ToolResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Pod's hooks, one ordered list per point: by {@code order}, then feature id, then hook name.
 * Readers see immutable lists that hold whole commits only, so a running turn sees a consistent
 * list; a commit appends in time proportional to its own hooks and the next read sorts once, so
 * installing N features costs O(N log N), not O(N²). After {@link #seal()} (the Pod seals at the
 * end of start) the lists never change. Thread-safe.
 *
 * <p>Pre-request and pre-tool-call hooks fail closed: a hook that throws (a
 * {@code StackOverflowError} too: {@link Fault} decides) or returns {@code null} aborts the turn or
 * denies the call, and is reported as {@code yoi/hook-failed}. Tool-result and turn-end hooks only
 * observe: a failure is reported and the others still run. A hook interrupted is not reported
 * (the interrupt is the caller's), but still aborts or denies.
 *
 * <p>What the model reads of a pre-request hook that stops a turn: the Pod's own note, in fixed
 * words that name the hook and its feature, then the hook's reason (or what it threw) as a note of
 * the feature's own, through the feature's notifier, only if the feature holds
 * {@code MODEL_NOTIFICATION}, and even then one bounded line ({@link Excerpt}). The reason is
 * always in the diagnostics ({@code yoi/turn-aborted}, {@code yoi/hook-failed}).
 */
public final class HookRegistry {

  /**
   * One registered hook, as listed.
   *
   * @param featureId the contributing feature, e.g. {@code builtin:manifest-permissions}
   * @param name the hook's declared name
   * @param point where it runs
   * @param order its declared order (lower first)
   */
  public record RegisteredHook(String featureId, String name, HookPoint point, int order) {
    public RegisteredHook {
      Objects.requireNonNull(featureId, "featureId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(point, "point");
    }

    String label() {
      return point.wireName() + " hook \"" + name + "\" of feature " + featureId;
    }
  }

  /** A hook, with its feature's notifier (gated by MODEL_NOTIFICATION) for its abort reasons. */
  private record Bound<H>(RegisteredHook info, H hook, ModelNotifier notifier) {}

  private static final Comparator<Bound<?>> ORDER =
      Comparator.<Bound<?>>comparingInt(b -> b.info().order())
          .thenComparing(b -> b.info().featureId())
          .thenComparing(b -> b.info().name());

  private final Consumer<Diagnostic> diagnostics;
  /** Every committed hook per point, in commit order; guarded by {@code this}. */
  private final List<Bound<PreRequestHook>> preRequest = new ArrayList<>();
  private final List<Bound<PreToolCallHook>> preToolCall = new ArrayList<>();
  private final List<Bound<ToolResultHook>> toolResult = new ArrayList<>();
  private final List<Bound<TurnEndHook>> turnEnd = new ArrayList<>();
  /** What readers see; null when a commit made it stale (rebuilt by the next read). */
  private volatile Lists lists = Lists.EMPTY;
  private volatile boolean sealed;

  private record Lists(
      List<Bound<PreRequestHook>> preRequest, List<Bound<PreToolCallHook>> preToolCall,
      List<Bound<ToolResultHook>> toolResult, List<Bound<TurnEndHook>> turnEnd) {
    static final Lists EMPTY = new Lists(List.of(), List.of(), List.of(), List.of());
  }

  /** @param diagnostics where hook failures are published */
  public HookRegistry(Consumer<Diagnostic> diagnostics) {
    this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
  }

  /**
   * Adds one feature's hooks, all or none.
   *
   * @throws IllegalArgumentException if a hook does not implement its point's interface
   * @throws IllegalStateException after {@link #seal()}
   */
  public synchronized void commit(FeatureContributions contributions) {
    if (sealed) {
      throw new IllegalStateException("hooks are sealed once the Pod has started; feature "
          + contributions.featureId() + " cannot add hooks now");
    }
    if (contributions.hooks().isEmpty()) {
      return;
    }
    // Checked in full before any list changes: all or none.
    List<Bound<PreRequestHook>> newPreRequest = new ArrayList<>();
    List<Bound<PreToolCallHook>> newPreToolCall = new ArrayList<>();
    List<Bound<ToolResultHook>> newToolResult = new ArrayList<>();
    List<Bound<TurnEndHook>> newTurnEnd = new ArrayList<>();
    for (FeatureContributions.HookEntry entry : contributions.hooks()) {
      RegisteredHook info = new RegisteredHook(entry.featureId(), entry.descriptor().name(),
          entry.descriptor().point(), entry.descriptor().order());
      Object hook = entry.hook();
      ModelNotifier notifier = entry.notifier();
      switch (info.point()) {
        case PRE_REQUEST -> newPreRequest.add(new Bound<>(info, cast(info, hook, PreRequestHook.class), notifier));
        case PRE_TOOL_CALL -> newPreToolCall.add(new Bound<>(info, cast(info, hook, PreToolCallHook.class), notifier));
        case TOOL_RESULT -> newToolResult.add(new Bound<>(info, cast(info, hook, ToolResultHook.class), notifier));
        case TURN_END -> newTurnEnd.add(new Bound<>(info, cast(info, hook, TurnEndHook.class), notifier));
      }
    }
    preRequest.addAll(newPreRequest);
    preToolCall.addAll(newPreToolCall);
    toolResult.addAll(newToolResult);
    turnEnd.addAll(newTurnEnd);
    lists = null;
  }

  private Lists lists() {
    Lists current = lists;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (lists == null) {
        lists = new Lists(sorted(preRequest), sorted(preToolCall), sorted(toolResult), sorted(turnEnd));
      }
      return lists;
    }
  }

  private static <H> List<Bound<H>> sorted(List<Bound<H>> hooks) {
    List<Bound<H>> copy = new ArrayList<>(hooks);
    copy.sort(ORDER);
    return List.copyOf(copy);
  }

  /** Freezes the lists: later commits throw. */
  public synchronized void seal() {
    sealed = true;
  }

  /** The hooks at {@code point}, in the order they run. */
  public List<RegisteredHook> hooks(HookPoint point) {
    List<? extends Bound<?>> bound = switch (point) {
      case PRE_REQUEST -> lists().preRequest();
      case PRE_TOOL_CALL -> lists().preToolCall();
      case TOOL_RESULT -> lists().toolResult();
      case TURN_END -> lists().turnEnd();
    };
    return bound.stream().map(Bound::info).toList();
  }

  /**
   * Runs the pre-request hooks in order; the first abort wins, and a hook that fails aborts. When
   * one stops the turn: the Pod's own note goes to {@code podNote} (to be recorded first), then
   * the hook's reason to its feature's notifier, and a diagnostic says what the model saw.
   *
   * @param podNote records the Pod's note, e.g. {@code turn 3 was aborted by pre-request hook
   *     "budget" of feature builtin:budget}; it holds no text of the hook's
   * @return whether the turn goes on to the model
   */
  public boolean beforeRequest(RequestView request, Consumer<String> podNote) {
    for (Bound<PreRequestHook> bound : lists().preRequest()) {
      PreRequestDecision decision;
      try {
        decision = bound.hook().beforeRequest(request);
      } catch (Throwable t) {
        if (Fault.caught(t) == Fault.INTERRUPTED) {
          stop(bound, request, podNote, "the hook was interrupted", "");
        } else {
          String failure = Fault.describe(t);
          String shown = stop(bound, request, podNote, "the hook failed", failure);
          reportClosed(bound.info(), "threw " + failure, "turn " + request.turn()
              + " was aborted before model request " + request.round() + "; " + shown);
        }
        return false;
      }
      if (decision == null) {
        stop(bound, request, podNote, "the hook returned no decision", "");
        reportClosed(bound.info(), "it returned null instead of a PreRequestDecision",
            "turn " + request.turn() + " was aborted before model request " + request.round());
        return false;
      }
      if (decision instanceof PreRequestDecision.Abort abort) {
        String shown = stop(bound, request, podNote, "", Excerpt.of(abort.reason()));
        diagnostics.accept(Diagnostics.info(DiagnosticCode.TURN_ABORTED, bound.info().featureId(),
            bound.info().label() + " aborted turn " + request.turn() + " before model request "
                + request.round() + ", saying \"" + Excerpt.of(abort.reason()) + "\"; " + shown
                + ". If the turn should have gone on, check the hook's condition, or disable feature "
                + bound.info().featureId() + " in the Pod manifest (features.disable)."));
        return false;
      }
    }
    return true;
  }

  /**
   * Records the Pod's note of a stopped turn, then hands {@code reason} (if any) to the feature's
   * notifier: what the feature may tell the model is its grant's business, not the hook's.
   *
   * @param how the Pod's words for how the hook stopped the turn; empty for an abort
   * @param reason the hook's words, already an {@link Excerpt}; empty for none
   * @return what the model saw, for the diagnostic
   */
  private static String stop(Bound<PreRequestHook> bound, RequestView request, Consumer<String> podNote,
      String how, String reason) {
    String note = "turn " + request.turn() + " was aborted by " + bound.info().label()
        + (how.isEmpty() ? "" : ": " + how);
    podNote.accept(note);
    if (reason.isEmpty()) {
      return "the model saw only the Pod's own note";
    }
    try {
      bound.notifier().notifyModel(reason);
      return "the model saw the Pod's own note and, as the feature's own note, the reason (one line, at"
          + " most " + Excerpt.LIMIT + " characters)";
    } catch (AuthorityDeniedException e) {
      return "the model saw only the Pod's own note, which names the hook and its feature: feature "
          + bound.info().featureId() + " does not hold MODEL_NOTIFICATION, so its words are not shown"
          + " to the model";
    } catch (RuntimeException e) {
      return "the model saw only the Pod's own note: the feature's note could not be recorded ("
          + Fault.describe(e) + ")";
    }
  }

  /**
   * Runs the pre-tool-call hooks in order; the first deny wins, and a hook that fails denies.
   * A deny's reason names the hook; the model sees it.
   */
  public PreToolCallDecision beforeToolCall(ToolCallView call) {
    for (Bound<PreToolCallHook> bound : lists().preToolCall()) {
      PreToolCallDecision decision;
      try {
        decision = bound.hook().beforeToolCall(call);
      } catch (Throwable t) {
        if (Fault.caught(t) == Fault.INTERRUPTED) {
          return PreToolCallDecision.deny("call denied: " + bound.info().label() + " was interrupted");
        }
        String failure = Fault.describe(t);
        reportClosed(bound.info(), "threw " + failure,
            "call " + call.callId() + " to tool \"" + call.toolName() + "\" was denied");
        return PreToolCallDecision.deny("call denied: " + bound.info().label() + " failed ("
            + failure + "), and calls are denied while a pre-tool-call hook fails");
      }
      if (decision == null) {
        reportClosed(bound.info(), "it returned null instead of a PreToolCallDecision",
            "call " + call.callId() + " to tool \"" + call.toolName() + "\" was denied");
        return PreToolCallDecision.deny("call denied: " + bound.info().label() + " returned no decision");
      }
      if (decision instanceof PreToolCallDecision.Deny deny) {
        return PreToolCallDecision.deny("call denied by " + bound.info().label() + ": " + deny.reason());
      }
    }
    return PreToolCallDecision.allow();
  }

  /** Runs every tool-result hook in order; a failure is reported and the rest still run. */
  public void afterToolCall(ToolCallView call, ToolResult result) {
    for (Bound<ToolResultHook> bound : lists().toolResult()) {
      try {
        bound.hook().afterToolCall(call, result);
      } catch (Throwable t) {
        if (Fault.caught(t) == Fault.FEATURE) {
          reportObserver(bound.info(), Fault.describe(t), "the result of call " + call.callId()
              + " to tool \"" + call.toolName() + "\" was recorded unchanged");
        }
      }
    }
  }

  /** Runs every turn-end hook in order; a failure is reported and the rest still run. */
  public void onTurnEnd(TurnSummary turn) {
    for (Bound<TurnEndHook> bound : lists().turnEnd()) {
      try {
        bound.hook().onTurnEnd(turn);
      } catch (Throwable t) {
        if (Fault.caught(t) == Fault.FEATURE) {
          reportObserver(bound.info(), Fault.describe(t), "turn " + turn.turn() + " ended as recorded");
        }
      }
    }
  }

  private void reportClosed(RegisteredHook hook, String found, String consequence) {
    diagnostics.accept(Diagnostics.error(DiagnosticCode.HOOK_FAILED, hook.featureId(),
        hook.label() + " was expected to return a decision, but "
            + found + "; " + consequence + " (hooks at this point fail closed). Fix the hook, or"
            + " disable feature " + hook.featureId() + " in the Pod manifest (features.disable)."));
  }

  private void reportObserver(RegisteredHook hook, String found, String consequence) {
    diagnostics.accept(Diagnostics.warning(DiagnosticCode.HOOK_FAILED, hook.featureId(),
        hook.label() + " was expected to return normally, but "
            + "threw " + found + "; " + consequence + ". Fix the hook, or disable feature "
            + hook.featureId() + " in the Pod manifest (features.disable)."));
  }

  private static <H> H cast(RegisteredHook info, Object hook, Class<H> type) {
    if (!type.isInstance(hook)) {
      throw new IllegalArgumentException(info.label() + " is a "
          + (hook == null ? "null" : hook.getClass().getName()) + ", not a " + type.getName());
    }
    return type.cast(hook);
  }
}
