package dev.yoi.pod.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Alert;
import dev.yoi.pod.Backoff;
import dev.yoi.pod.LlmResponse;
import dev.yoi.pod.Pod;
import dev.yoi.pod.PodManifest;
import dev.yoi.pod.ScriptedLlmClient;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.hook.TurnSummary;
import dev.yoi.pod.task.TaskState;
import dev.yoi.pod.task.TaskStatus;
import dev.yoi.pod.tool.ToolResult;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 2 (and issue 11 item 4, the fault policy): a feature whose tool, hook or task
 * recurses until its stack overflows fails on its own, like any feature that throws. The
 * {@code StackOverflowError} never escapes {@code callTool} or {@code runTurn}; it becomes an error
 * result and {@code yoi/tool-failed}, {@code yoi/hook-failed} (pre-tool-call: the call is denied;
 * pre-request: the turn is aborted with attribution; tool-result and turn-end: the turn goes on),
 * or {@code yoi/task-failed} and a restart by the task's policy. The recursion is one plain
 * method, so each overflow costs the test JVM one unwound stack and nothing else.
 */
class StackOverflowTest {
  private static final String FEATURES = """
      package deep;
      public final class Deep {
        /** Never returns: the overflow is the point. */
        static int down(int depth) {
          return down(depth + 1) + 1;
        }

        @Feature(id = "deep-tool", name = "Deep tool", version = "1.0.0")
        public static final class DeepTool implements FeatureModule {
          public void install(InstallContext c) { c.tools().register(new Recurse()); }
          @ToolContribution(name = "Recurse", description = "Recurses until its stack overflows")
          public static final class Recurse implements Tool<JsonNode> {
            public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("depth " + down(0)); }
          }
        }

        @Feature(id = "plain", name = "Plain", version = "1.0.0")
        public static final class Plain implements FeatureModule {
          public void install(InstallContext c) { c.tools().register(new Echo()); }
          @ToolContribution(name = "Echo", description = "Echoes its input")
          public static final class Echo implements Tool<JsonNode> {
            public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("echo " + input); }
          }
        }

        /** Tells the host, as an alert, that each turn ended: turn-end hooks still run. */
        @Feature(id = "witness", name = "Witness", version = "1.0.0")
        public static final class Witness implements FeatureModule {
          public void install(InstallContext c) { c.hooks().register(new Ended(c.alerts())); }
          @HookContribution(name = "ended")
          public static final class Ended implements TurnEndHook {
            private final dev.yoi.pod.notify.Alerts alerts;
            Ended(dev.yoi.pod.notify.Alerts alerts) { this.alerts = alerts; }
            public void onTurnEnd(TurnSummary turn) { alerts.info("turn " + turn.turn() + " ended: " + turn.assistantMessage()); }
          }
        }

        @Feature(id = "deep-guard", name = "Deep guard", version = "1.0.0")
        public static final class DeepGuard implements FeatureModule {
          public void install(InstallContext c) { c.hooks().register(new Guard()); }
          @HookContribution(name = "guard")
          public static final class Guard implements PreToolCallHook {
            public PreToolCallDecision beforeToolCall(ToolCallView call) {
              return down(0) > 0 ? PreToolCallDecision.allow() : PreToolCallDecision.deny("never");
            }
          }
        }

        @Feature(id = "deep-gate", name = "Deep gate", version = "1.0.0")
        public static final class DeepGate implements FeatureModule {
          public void install(InstallContext c) { c.hooks().register(new Gate()); }
          @HookContribution(name = "gate")
          public static final class Gate implements PreRequestHook {
            public PreRequestDecision beforeRequest(RequestView request) {
              return down(0) > 0 ? PreRequestDecision.proceed() : PreRequestDecision.abort("never");
            }
          }
        }

        @Feature(id = "deep-audit", name = "Deep audit", version = "1.0.0")
        public static final class DeepAudit implements FeatureModule {
          public void install(InstallContext c) { c.hooks().register(new Audit()); }
          @HookContribution(name = "audit")
          public static final class Audit implements ToolResultHook {
            public void afterToolCall(ToolCallView call, ToolResult result) { down(0); }
          }
        }

        @Feature(id = "deep-ending", name = "Deep ending", version = "1.0.0")
        public static final class DeepEnding implements FeatureModule {
          public void install(InstallContext c) { c.hooks().register(new Ending()); }
          @HookContribution(name = "ending")
          public static final class Ending implements TurnEndHook {
            public void onTurnEnd(TurnSummary turn) { down(0); }
          }
        }

        @Feature(id = "deep-always", name = "Deep always", version = "1.0.0")
        public static final class DeepAlways implements FeatureModule {
          public void install(InstallContext c) { c.backgroundTasks().register(new Always()); }
          @BackgroundTaskContribution(name = "always", description = "Overflows on every run", restart = RestartPolicy.ALWAYS)
          public static final class Always implements BackgroundTask {
            public void run(TaskContext context) { down(0); }
          }
        }

        @Feature(id = "deep-on-failure", name = "Deep on failure", version = "1.0.0")
        public static final class DeepOnFailure implements FeatureModule {
          public void install(InstallContext c) { c.backgroundTasks().register(new OnFailure()); }
          @BackgroundTaskContribution(name = "on-failure", description = "Overflows on every run", restart = RestartPolicy.ON_FAILURE)
          public static final class OnFailure implements BackgroundTask {
            public void run(TaskContext context) { down(0); }
          }
        }
      }
      """;

  private static final long WAIT_SECONDS = 30;

  @TempDir static Path shared;
  @TempDir Path dir;
  private static URLClassLoader features;

  private final List<Diagnostic> diagnostics = new CopyOnWriteArrayList<>();
  private final List<Alert> alerts = new CopyOnWriteArrayList<>();
  private List<String> enabled = List.of();

  @BeforeAll
  static void compile() {
    features = FeatureCompiler.loader(FeatureCompiler.compile(shared.resolve("deep"), FeatureCompiler.java(FEATURES)));
  }

  @AfterAll
  static void closeLoader() throws IOException {
    features.close();
  }

  /** A Pod with only the named project features enabled, each granted what it requests. */
  private Pod.Builder pod(String... slugs) {
    enabled = List.of(slugs);
    String enabled = String.join(",", Arrays.stream(slugs).map(s -> "\"project:" + s + "\"").toList());
    return Pod.builder()
        .features(features, FeatureSource.PROJECT)
        .manifest(PodManifest.parse("{\"features\":{\"enable\":[" + enabled + "]}}", "test manifest", dir))
        .authorityPolicy(AuthorityPolicy.grantRequested())
        .diagnostics(diagnostics::add)
        .alerts(alerts::add);
  }

  private Pod started(Pod.Builder builder) {
    Pod pod = builder.build();
    InstallReport report = pod.start();
    for (String slug : enabled) {
      assertTrue(report.feature("project:" + slug).orElseThrow().installed(), report.toString());
    }
    return pod;
  }

  private List<Diagnostic> diagnostics(String code, String featureId) {
    return diagnostics.stream().filter(d -> d.code().equals(code) && d.featureId().equals(featureId)).toList();
  }

  private static List<HistoryEntry.ToolResult> results(Pod pod) {
    return pod.history().stream()
        .filter(e -> e instanceof HistoryEntry.ToolResult).map(e -> (HistoryEntry.ToolResult) e).toList();
  }

  @Test
  void aToolThatOverflowsItsStackIsAnErrorResultAndOneToolFailed() {
    try (Pod pod = started(pod("deep-tool", "plain"))) {
      ToolResult result = pod.callTool("Recurse", "{}");

      assertEquals(ToolResult.error("tool \"Recurse\" failed: StackOverflowError"), result);
      List<Diagnostic> failed = diagnostics("yoi/tool-failed", "project:deep-tool");
      assertEquals(1, failed.size(), diagnostics.toString());
      assertTrue(failed.get(0).message().contains("threw StackOverflowError"), failed.get(0).message());
      assertEquals(List.of(
          new HistoryEntry.ToolCall("call-1", "Recurse", "{}"),
          new HistoryEntry.ToolResult("call-1", "Recurse", result.text(), true)), pod.history());
      assertEquals(ToolResult.text("echo {}"), pod.callTool("Echo", "{}"), "the Pod goes on");
    }
  }

  @Test
  void aToolThatOverflowsInATurnLeavesTheTurnGoingAndTurnEndHooksRun() {
    ScriptedLlmClient model = new ScriptedLlmClient(
        LlmResponse.toolCall("Recurse", "{}"), LlmResponse.text("the tool failed"));
    try (Pod pod = started(pod("deep-tool", "witness").model(model))) {
      TurnSummary turn = pod.runTurn("Go deep.");

      assertEquals("the tool failed", turn.assistantMessage());
      assertFalse(turn.aborted());
      assertEquals(List.of(new HistoryEntry.ToolResult("call-1", "Recurse",
          "tool \"Recurse\" failed: StackOverflowError", true)), results(pod));
      assertEquals(List.of("turn 1 ended: the tool failed"), alerts.stream().map(Alert::message).toList());
      assertEquals(1, diagnostics("yoi/tool-failed", "project:deep-tool").size(), diagnostics.toString());
    }
  }

  @Test
  void aPreToolCallHookThatOverflowsDeniesTheCall() {
    try (Pod pod = started(pod("deep-guard", "plain"))) {
      ToolResult result = pod.callTool("Echo", "{}");

      assertTrue(result.isError(), result.toString());
      assertTrue(result.text().startsWith("call denied: pre-tool-call hook \"guard\" of feature project:deep-guard"
          + " failed (StackOverflowError)"), result.text());
      List<Diagnostic> failed = diagnostics("yoi/hook-failed", "project:deep-guard");
      assertEquals(1, failed.size(), diagnostics.toString());
      assertTrue(failed.get(0).message().contains("threw StackOverflowError"), failed.get(0).message());
      assertEquals(List.of(new HistoryEntry.ToolResult("call-1", "Echo", result.text(), true)), results(pod),
          "one result, the denial: Echo never ran");
    }
  }

  @Test
  void aPreRequestHookThatOverflowsAbortsTheTurnWithAttribution() {
    ScriptedLlmClient model = new ScriptedLlmClient(LlmResponse.text("never sent"));
    try (Pod pod = started(pod("deep-gate", "witness").model(model))) {
      TurnSummary turn = pod.runTurn("Hello.");

      assertTrue(turn.aborted());
      assertEquals(List.of(), model.requests(), "the model is not asked while a pre-request hook fails");
      assertEquals(1, diagnostics("yoi/hook-failed", "project:deep-gate").size(), diagnostics.toString());
      assertEquals(List.of(new HistoryEntry.UserMessage("Hello."),
          new HistoryEntry.SystemItem("", "turn 1 was aborted by pre-request hook \"gate\" of feature"
              + " project:deep-gate: the hook failed")), pod.history());
      assertEquals(List.of("turn 1 ended: "), alerts.stream().map(Alert::message).toList(),
          "turn-end hooks still run");
    }
  }

  @Test
  void aToolResultHookThatOverflowsIsReportedAndTheResultStands() {
    try (Pod pod = started(pod("deep-audit", "plain"))) {
      ToolResult result = pod.callTool("Echo", "{\"a\":1}");

      assertEquals(ToolResult.text("echo {\"a\":1}"), result);
      List<Diagnostic> failed = diagnostics("yoi/hook-failed", "project:deep-audit");
      assertEquals(1, failed.size(), diagnostics.toString());
      assertTrue(failed.get(0).message().contains("threw StackOverflowError"), failed.get(0).message());
      assertEquals(List.of(new HistoryEntry.ToolResult("call-1", "Echo", "echo {\"a\":1}", false)), results(pod));
    }
  }

  @Test
  void aTurnEndHookThatOverflowsIsReportedAndLaterTurnsWork() {
    ScriptedLlmClient model = new ScriptedLlmClient(
        LlmResponse.toolCall("Echo", "{}"), LlmResponse.text("first"), LlmResponse.text("second"));
    try (Pod pod = started(pod("deep-ending", "plain", "witness").model(model))) {
      TurnSummary first = pod.runTurn("One.");
      TurnSummary second = pod.runTurn("Two.");

      assertEquals("first", first.assistantMessage());
      assertEquals("second", second.assistantMessage());
      assertEquals(2, diagnostics("yoi/hook-failed", "project:deep-ending").size(), diagnostics.toString());
      assertEquals(List.of("turn 1 ended: first", "turn 2 ended: second"),
          alerts.stream().map(Alert::message).toList(), "the other turn-end hooks still run");
      assertEquals(List.of(new HistoryEntry.ToolResult("call-1", "Echo", "echo {}", false)), results(pod));
    }
  }

  @Test
  void aTaskThatOverflowsUnderRestartAlwaysIsReportedAndRestarted() throws InterruptedException {
    assertRestartsAfterOverflow("deep-always", "always");
  }

  @Test
  void aTaskThatOverflowsUnderRestartOnFailureIsReportedAndRestarted() throws InterruptedException {
    assertRestartsAfterOverflow("deep-on-failure", "on-failure");
  }

  private void assertRestartsAfterOverflow(String slug, String task) throws InterruptedException {
    String featureId = "project:" + slug;
    CountDownLatch restarted = new CountDownLatch(1);
    CountDownLatch reported = new CountDownLatch(2);
    Pod.Builder builder = pod(slug)
        .taskBackoff(new Backoff(Duration.ofMillis(1), Duration.ofMillis(4)))
        .taskEvents(status -> {
          if (status.featureId().equals(featureId) && status.state() == TaskState.RUNNING && status.starts() >= 3) {
            restarted.countDown();
          }
        })
        .diagnostics(d -> {
          if (d.code().equals("yoi/task-failed") && d.featureId().equals(featureId)) {
            reported.countDown();
          }
        });
    try (Pod pod = started(builder)) {
      assertTrue(restarted.await(WAIT_SECONDS, TimeUnit.SECONDS),
          "the task was not restarted twice: " + pod.tasks() + " " + diagnostics("yoi/task-failed", featureId));
      assertTrue(reported.await(WAIT_SECONDS, TimeUnit.SECONDS),
          "two overflows, two reports: " + diagnostics("yoi/task-failed", featureId));

      TaskStatus status = pod.tasks().stream().filter(s -> s.name().equals(task)).findFirst().orElseThrow();
      assertTrue(status.failures() >= 2, status.toString());
      assertEquals("StackOverflowError", status.lastFailure().orElseThrow());
      Diagnostic first = diagnostics("yoi/task-failed", featureId).get(0);
      assertTrue(first.message().contains("threw StackOverflowError (failure 1 in a row, 1 in all); it restarts in"),
          first.message());
    }
  }
}
