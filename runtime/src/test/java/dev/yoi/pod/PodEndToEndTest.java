package dev.yoi.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.ApprovalLock;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.history.History;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.hook.TurnSummary;
import dev.yoi.pod.internal.task.TaskSupervisor;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.task.TaskState;
import dev.yoi.pod.task.TaskStatus;
import dev.yoi.pod.tool.ToolResult;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pod end to end: features written as users write them, compiled with javac and the Yoi
 * processor, loaded through their own class loaders, installed by the real registry, and driven
 * through the public Pod API only.
 */
class PodEndToEndTest {
  static final String WEATHER = """
      package e2e.weather;

      import com.fasterxml.jackson.annotation.JsonPropertyDescription;
      import dev.yoi.feature.FeatureModule;
      import dev.yoi.feature.InstallContext;
      import dev.yoi.feature.annotation.AuthorityKind;
      import dev.yoi.feature.annotation.Feature;
      import dev.yoi.feature.annotation.HookContribution;
      import dev.yoi.feature.annotation.RequiresAuthority;
      import dev.yoi.feature.annotation.ToolContribution;
      import dev.yoi.pod.hook.PreToolCallDecision;
      import dev.yoi.pod.hook.PreToolCallHook;
      import dev.yoi.pod.hook.ToolCallView;
      import dev.yoi.pod.secret.Secret;
      import dev.yoi.pod.state.StateStore;
      import dev.yoi.pod.tool.Tool;
      import dev.yoi.pod.tool.ToolContext;
      import dev.yoi.pod.tool.ToolResult;
      import java.util.Optional;

      @Feature(id = "weather", name = "Weather")
      @RequiresAuthority(value = AuthorityKind.STATE_STORE, scope = "cities", reason = "remembers the cities asked about")
      @RequiresAuthority(value = AuthorityKind.SECRET_REF, scope = "weather-api-key", reason = "calls the weather service")
      public class WeatherFeature implements FeatureModule {
        public record ForecastInput(@JsonPropertyDescription("the city") String city, Optional<Integer> days) {}

        @ToolContribution(name = "Forecast", description = "The forecast for a city")
        public static final class Forecast implements Tool<ForecastInput> {
          private final StateStore cities;
          private final Secret key;

          Forecast(StateStore cities, Secret key) {
            this.cities = cities;
            this.key = key;
          }

          @Override
          public ToolResult call(ForecastInput input, ToolContext context) {
            if (input.city().equals("Atlantis")) {
              throw new IllegalStateException("Atlantis is under water");
            }
            cities.put(input.city(), "asked");
            context.alerts().info("forecast for " + input.city());
            return ToolResult.text(input.city() + ": sunny for " + input.days().orElse(1) + " day(s), key "
                + (key.value().isPresent() ? "present" : "missing"));
          }
        }

        @HookContribution(name = "no-passwords", order = 10)
        public static final class NoPasswords implements PreToolCallHook {
          @Override
          public PreToolCallDecision beforeToolCall(ToolCallView call) {
            return call.inputJson().contains("password")
                ? PreToolCallDecision.deny("inputs must not carry passwords")
                : PreToolCallDecision.allow();
          }
        }

        @Override
        public void install(InstallContext context) {
          context.tools().register(new Forecast(context.stateStore("cities"), context.secret("weather-api-key")));
          context.hooks().register(new NoPasswords());
        }
      }
      """;

  static final String GUARD = """
      package e2e.guard;

      import dev.yoi.feature.FeatureModule;
      import dev.yoi.feature.InstallContext;
      import dev.yoi.feature.annotation.Feature;
      import dev.yoi.feature.annotation.HookContribution;
      import dev.yoi.pod.hook.PreToolCallDecision;
      import dev.yoi.pod.hook.PreToolCallHook;
      import dev.yoi.pod.hook.ToolCallView;

      @Feature(id = "guard", name = "Guard")
      public class GuardFeature implements FeatureModule {
        @HookContribution(name = "audit")
        public static final class Audit implements PreToolCallHook {
          @Override
          public PreToolCallDecision beforeToolCall(ToolCallView call) {
            throw new IllegalStateException("the audit log is unavailable");
          }
        }

        @Override
        public void install(InstallContext context) {
          context.hooks().register(new Audit());
        }
      }
      """;

  static final String CRASHER = """
      package e2e.crasher;

      import dev.yoi.feature.FeatureModule;
      import dev.yoi.feature.InstallContext;
      import dev.yoi.feature.annotation.BackgroundTaskContribution;
      import dev.yoi.feature.annotation.Feature;
      import dev.yoi.pod.task.BackgroundTask;
      import dev.yoi.pod.task.TaskContext;

      @Feature(id = "crasher", name = "Crasher")
      public class CrasherFeature implements FeatureModule {
        @BackgroundTaskContribution(name = "sync", description = "Syncs with a service that is down")
        public static final class Sync implements BackgroundTask {
          @Override
          public void run(TaskContext context) {
            throw new IllegalStateException("the sync service is down");
          }
        }

        @Override
        public void install(InstallContext context) {
          context.backgroundTasks().register(new Sync());
        }
      }
      """;

  static final String HERALD = """
      package e2e.herald;

      import dev.yoi.feature.FeatureModule;
      import dev.yoi.feature.InstallContext;
      import dev.yoi.feature.annotation.AuthorityKind;
      import dev.yoi.feature.annotation.BackgroundTaskContribution;
      import dev.yoi.feature.annotation.Feature;
      import dev.yoi.feature.annotation.RequiresAuthority;
      import dev.yoi.feature.annotation.RestartPolicy;
      import dev.yoi.pod.task.BackgroundTask;
      import dev.yoi.pod.task.TaskContext;
      import java.time.Duration;

      @Feature(id = "herald", name = "Herald")
      @RequiresAuthority(value = AuthorityKind.MODEL_NOTIFICATION, reason = "tells the model what happened")
      public class HeraldFeature implements FeatureModule {
        @BackgroundTaskContribution(name = "announce", description = "Announces the Pod once", restart = RestartPolicy.NEVER)
        public static final class Announce implements BackgroundTask {
          @Override
          public void run(TaskContext context) {
            context.notifier().notifyModel("the herald is here");
          }
        }

        @BackgroundTaskContribution(name = "watch", description = "Watches until the Pod closes")
        public static final class Watch implements BackgroundTask {
          @Override
          public void run(TaskContext context) throws InterruptedException {
            while (!context.isCancelled()) {
              context.awaitCancellation(Duration.ofHours(1));
            }
          }
        }

        @BackgroundTaskContribution(name = "hourly", description = "Runs every hour", every = "PT1H")
        public static final class Hourly implements BackgroundTask {
          @Override
          public void run(TaskContext context) {}
        }

        @Override
        public void install(InstallContext context) {
          context.backgroundTasks().register(new Announce());
          context.backgroundTasks().register(new Watch());
          context.backgroundTasks().register(new Hourly());
        }
      }
      """;

  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path classes;
  static URLClassLoader weather;
  static URLClassLoader guard;
  static URLClassLoader crasher;
  static URLClassLoader herald;

  @TempDir Path directory;
  final List<Alert> alerts = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void compileFeatures() {
    weather = FeatureCompiler.loader(FeatureCompiler.compile(classes.resolve("weather"), FeatureCompiler.source("e2e.weather.WeatherFeature", WEATHER)));
    guard = FeatureCompiler.loader(FeatureCompiler.compile(classes.resolve("guard"), FeatureCompiler.source("e2e.guard.GuardFeature", GUARD)));
    crasher = FeatureCompiler.loader(FeatureCompiler.compile(classes.resolve("crasher"), FeatureCompiler.source("e2e.crasher.CrasherFeature", CRASHER)));
    herald = FeatureCompiler.loader(FeatureCompiler.compile(classes.resolve("herald"), FeatureCompiler.source("e2e.herald.HeraldFeature", HERALD)));
  }

  @AfterAll
  static void closeLoaders() throws IOException {
    for (URLClassLoader loader : new URLClassLoader[] {weather, guard, crasher, herald}) {
      if (loader != null) {
        loader.close();
      }
    }
  }

  Pod.Builder weatherPod() {
    return Pod.builder()
        .features(weather, FeatureSource.BUILTIN)
        .secrets(SecretResolver.fromMap(Map.of("WEATHER_API_KEY", "k-123")))
        .alerts(alerts::add)
        .dataDirectory(directory.resolve("data"));
  }

  static FeatureReport feature(InstallReport report, String id) {
    return report.features().stream().filter(f -> f.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no report for " + id + ": " + report));
  }

  static boolean has(List<Diagnostic> diagnostics, String code, String featureId) {
    return diagnostics.stream().anyMatch(d -> d.code().equals(code) && d.featureId().equals(featureId));
  }

  static CountDownLatch when(List<Predicate<TaskStatus>> watches, int count, Predicate<TaskStatus> matches) {
    CountDownLatch latch = new CountDownLatch(count);
    watches.add(status -> {
      if (matches.test(status)) {
        latch.countDown();
      }
      return false;
    });
    return latch;
  }

  static void await(CountDownLatch latch) throws InterruptedException {
    assertTrue(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS), "timed out");
  }

  static List<Thread> taskThreads(String featureId) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(TaskSupervisor.THREAD_PREFIX + featureId + "/"))
        .filter(Thread::isAlive)
        .toList();
  }

  @Test
  void startInstallsTheFeatureAndOffersItsToolWithTheDerivedSchema() {
    try (Pod pod = weatherPod().build()) {
      InstallReport report = pod.start();

      assertTrue(feature(report, "builtin:weather").installed(), report.toString());
      List<ToolDefinition> tools = pod.toolDefinitions();
      assertEquals(List.of("Forecast"), tools.stream().map(ToolDefinition::name).toList());
      JsonNode schema = tools.get(0).inputSchema();
      assertEquals("builtin:weather", tools.get(0).featureId());
      assertEquals("[\"city\"]", schema.get("required").toString(), schema.toString());
      assertTrue(schema.get("properties").has("days"), schema.toString());
    }
  }

  @Test
  void offeredToolsCarryTheBuildTimeSchemaAsJsonText() throws IOException {
    try (Pod pod = weatherPod().build()) {
      pod.start();

      List<Pod.OfferedTool> offered = pod.offeredTools();

      ToolDefinition definition = pod.toolDefinitions().get(0);
      assertEquals(List.of(new Pod.OfferedTool("Forecast", "The forecast for a city",
          definition.inputSchema().toString(), "builtin:weather")), offered);
      assertEquals(definition.inputSchema(),
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(offered.get(0).inputSchemaJson()));
    }
  }

  @Test
  void aModelNotificationListenerHearsWhatTheHistoryRecorded() throws Exception {
    List<HistoryEntry.SystemItem> heard = new CopyOnWriteArrayList<>();
    CountDownLatch told = new CountDownLatch(1);
    try (Pod pod = Pod.builder().features(herald, FeatureSource.BUILTIN)
        .modelNotifications(item -> {
          heard.add(item);
          told.countDown();
        }).build()) {
      pod.start();

      await(told);

      assertEquals(List.of(new HistoryEntry.SystemItem("builtin:herald", "the herald is here")), heard);
      assertEquals(heard, pod.history());
    }
  }

  @Test
  void aValidCallRunsTheToolAndIsRecordedWithExactlyOneResult() {
    try (Pod pod = weatherPod().build()) {
      pod.start();

      ToolResult result = pod.callTool("Forecast", "{\"city\":\"Oslo\",\"days\":2}");

      assertEquals(ToolResult.text("Oslo: sunny for 2 day(s), key present"), result);
      assertEquals(List.of(
          new HistoryEntry.ToolCall("call-1", "Forecast", "{\"city\":\"Oslo\",\"days\":2}"),
          new HistoryEntry.ToolResult("call-1", "Forecast", result.text(), false)), pod.history());
    }
  }

  @Test
  void anUnknownToolIsAnErrorResult() {
    try (Pod pod = weatherPod().build()) {
      pod.start();

      ToolResult result = pod.callTool("Shell", "{\"command\":\"ls\"}");

      assertTrue(result.isError());
      assertTrue(result.text().startsWith("unknown tool \"Shell\""), result.text());
    }
  }

  @Test
  void aCallDeniedByAHookIsAnErrorResult() {
    try (Pod pod = weatherPod().build()) {
      pod.start();

      ToolResult result = pod.callTool("Forecast", "{\"city\":\"password=hunter2\"}");

      assertTrue(result.isError());
      assertTrue(result.text().contains("inputs must not carry passwords"), result.text());
      assertFalse(alerts.stream().anyMatch(a -> a.message().contains("hunter2")), "the tool ran");
    }
  }

  @Test
  void aSchemaInvalidInputIsAnErrorResultTheModelCanRead() {
    try (Pod pod = weatherPod().build()) {
      pod.start();

      ToolResult result = pod.callTool("Forecast", "{\"city\":3,\"when\":\"now\"}");

      assertTrue(result.isError());
      assertTrue(result.text().startsWith("input for tool \"Forecast\" does not match its schema (2 problems):"),
          result.text());
      assertTrue(result.text().contains("/city"), result.text());
      assertTrue(result.text().contains("'when'"), result.text());
    }
  }

  @Test
  void aThrowingToolIsAnErrorResultAndADiagnosticNamingTheFeature() {
    try (Pod pod = weatherPod().build()) {
      pod.start();

      ToolResult result = pod.callTool("Forecast", "{\"city\":\"Atlantis\"}");

      assertEquals(ToolResult.error("tool \"Forecast\" failed: IllegalStateException: Atlantis is under water"), result);
      assertTrue(has(pod.diagnostics(), "yoi/tool-failed", "builtin:weather"), pod.diagnostics().toString());
    }
  }

  @Test
  void aHookThatThrowsDeniesEveryCallAndIsReported() {
    List<Diagnostic> live = new CopyOnWriteArrayList<>();
    try (Pod pod = weatherPod().features(guard, FeatureSource.BUILTIN).diagnostics(live::add).build()) {
      pod.start();

      ToolResult result = pod.callTool("Forecast", "{\"city\":\"Oslo\"}");

      assertTrue(result.isError());
      assertTrue(result.text().contains("IllegalStateException: the audit log is unavailable"), result.text());
      assertTrue(alerts.isEmpty(), "the tool ran");
      assertTrue(has(live, "yoi/hook-failed", "builtin:guard"), live.toString());
    }
  }

  @Test
  void aTaskThatCrashesInALoopBacksOffAndThePodKeepsWorking() throws Exception {
    List<Predicate<TaskStatus>> watches = new CopyOnWriteArrayList<>();
    CountDownLatch threeBackoffs = when(watches, 3, s -> s.state() == TaskState.BACKOFF);
    try (Pod pod = weatherPod()
        .features(crasher, FeatureSource.BUILTIN)
        .taskBackoff(new Backoff(Duration.ofMillis(1), Duration.ofMillis(4)))
        .taskEvents(status -> watches.forEach(w -> w.test(status)))
        .build()) {
      assertTrue(feature(pod.start(), "builtin:crasher").installed());

      await(threeBackoffs);

      assertEquals("Oslo: sunny for 1 day(s), key present", pod.callTool("Forecast", "{\"city\":\"Oslo\"}").text());
      TaskStatus sync = pod.tasks().get(0);
      assertEquals("builtin:crasher/sync", sync.label());
      assertTrue(sync.failures() >= 3, sync.toString());
      assertTrue(has(pod.diagnostics(), "yoi/task-failed", "builtin:crasher"));
    }
  }

  @Test
  void aTaskNotifiesTheModelThroughASystemItemInHistory() throws Exception {
    List<Predicate<TaskStatus>> watches = new CopyOnWriteArrayList<>();
    CountDownLatch announced = when(watches, 1,
        s -> s.name().equals("announce") && s.state() == TaskState.STOPPED);
    try (Pod pod = Pod.builder().features(herald, FeatureSource.BUILTIN)
        .taskEvents(status -> watches.forEach(w -> w.test(status))).build()) {
      pod.start();

      await(announced);

      assertEquals(List.of(new HistoryEntry.SystemItem("builtin:herald", "the herald is here")), pod.history());
    }
  }

  @Test
  void closeStopsEveryTaskAndLeavesNoThreadBehind() throws Exception {
    List<Predicate<TaskStatus>> watches = new CopyOnWriteArrayList<>();
    CountDownLatch running = when(watches, 2,
        s -> !s.name().equals("announce") && s.state() == TaskState.RUNNING);
    Pod pod = Pod.builder().features(herald, FeatureSource.BUILTIN)
        .taskEvents(status -> watches.forEach(w -> w.test(status))).build();
    pod.start();
    await(running);
    assertFalse(taskThreads("builtin:herald").isEmpty());

    pod.close();

    assertEquals(List.of(), taskThreads("builtin:herald"));
    assertTrue(pod.tasks().stream().allMatch(s -> s.state() == TaskState.STOPPED), pod.tasks().toString());
    assertFalse(has(pod.diagnostics(), "yoi/task-abandoned", "builtin:herald"));
  }

  @Test
  void aTurnRunsTheModelsToolCallsAndEndsWithItsAnswer() {
    ScriptedLlmClient model = new ScriptedLlmClient(
        LlmResponse.toolCall("Forecast", "{\"city\":\"Oslo\"}"),
        LlmResponse.text("Sunny in Oslo."));
    try (Pod pod = weatherPod().model(model).build()) {
      pod.start();

      TurnSummary turn = pod.runTurn("Weather in Oslo?");

      assertEquals("Sunny in Oslo.", turn.assistantMessage());
      assertEquals(1, turn.toolCalls().size());
      assertEquals(List.of(
          new HistoryEntry.UserMessage("Weather in Oslo?"),
          new HistoryEntry.ToolCall("call-1", "Forecast", "{\"city\":\"Oslo\"}"),
          new HistoryEntry.ToolResult("call-1", "Forecast", "Oslo: sunny for 1 day(s), key present", false),
          new HistoryEntry.AssistantMessage("Sunny in Oslo.")), pod.history());
      assertEquals(List.of("Forecast"),
          model.requests().get(0).tools().stream().map(ToolDefinition::name).toList());
    }
  }

  @Test
  void aTornHistoryTailIsRecoveredOnRestartAndNothingBeforeIsLost() throws IOException {
    Path history = directory.resolve("history");
    List<HistoryEntry> before;
    try (Pod pod = weatherPod().history(history).model(new ScriptedLlmClient(LlmResponse.text("Hi!"))).build()) {
      pod.start();
      pod.runTurn("Hello");
      pod.callTool("Forecast", "{\"city\":\"Oslo\"}");
      before = pod.history();
    }
    Files.writeString(history.resolve(History.FILE_NAME), "{\"type\":\"user_message\",\"te",
        StandardOpenOption.APPEND);

    try (Pod pod = weatherPod().history(history).build()) {
      InstallReport report = pod.start();

      assertEquals(before, pod.history());
      assertTrue(has(report.diagnostics(), "yoi/history-recovered", ""), report.diagnostics().toString());
      pod.callTool("Forecast", "{\"city\":\"Bergen\"}");
      assertEquals(before.size() + 2, pod.history().size());
      assertEquals(new HistoryEntry.ToolCall("call-2", "Forecast", "{\"city\":\"Bergen\"}"),
          pod.history().get(before.size()));
    }
  }

  @Test
  void stateStoreWritesSurviveARestart() throws IOException {
    try (Pod pod = weatherPod().build()) {
      pod.start();
      pod.callTool("Forecast", "{\"city\":\"Oslo\"}");
    }
    assertEquals("{\"Oslo\":\"asked\"}",
        Files.readString(directory.resolve("data/state/builtin/weather/cities.json")));
    try (Pod pod = weatherPod().build()) {
      pod.start();
      pod.callTool("Forecast", "{\"city\":\"Bergen\"}");
    }
    assertEquals("{\"Bergen\":\"asked\",\"Oslo\":\"asked\"}",
        Files.readString(directory.resolve("data/state/builtin/weather/cities.json")));
  }

  @Test
  void alertsReachTheHostSinkAndNeverTheHistory() {
    try (Pod pod = weatherPod().build()) {
      pod.start();
      pod.callTool("Forecast", "{\"city\":\"Oslo\"}");

      assertEquals(List.of(new Alert("builtin:weather", Alerts.Level.INFO, "forecast for Oslo")), alerts);
      assertTrue(pod.history().stream().noneMatch(e -> e.toString().contains("forecast for Oslo")));
    }
  }

  @Test
  void aProjectPluginRunsWhenTheManifestEnablesItAndTheLockItNamesApprovesIt() throws IOException {
    ApprovalLock.approve(directory.resolve("features.lock.json"),
        FeatureCatalog.read(new FeatureLoader(weather, FeatureSource.PROJECT)).entry("project:weather").orElseThrow());
    Path manifest = Files.writeString(directory.resolve("pod.json"),
        "{\"features\": {\"enable\": [\"project:weather\"]}, \"approvals\": \"features.lock.json\"}");
    // The lock beside the manifest comes with the project: it approves only for a host that trusts
    // it (issue 12; ApprovalTrustTest shows a cloned repository's lock approving nothing).
    try (Pod pod = Pod.builder().features(weather, FeatureSource.PROJECT).manifest(manifest).trustProjectLock(true)
        .secrets(SecretResolver.fromMap(Map.of())).build()) {
      InstallReport report = pod.start();

      assertTrue(feature(report, "project:weather").installed(), report.toString());
      assertEquals(ToolResult.text("Oslo: sunny for 1 day(s), key missing"),
          pod.callTool("Forecast", "{\"city\":\"Oslo\"}"));
    }
  }

  @Test
  void aProjectPluginTheManifestDoesNotEnableStaysOut() {
    try (Pod pod = Pod.builder().features(weather, FeatureSource.PROJECT).build()) {
      InstallReport report = pod.start();

      assertFalse(feature(report, "project:weather").installed());
      assertEquals(List.of(), pod.toolDefinitions());
    }
  }

  @Test
  void aManifestThatDisablesTheFeatureKeepsItsToolOut() {
    PodManifest manifest = PodManifest.parse("{\"features\": {\"disable\": [\"builtin:weather\"]}}",
        "pod.json", directory);
    try (Pod pod = weatherPod().manifest(manifest).build()) {
      InstallReport report = pod.start();

      assertFalse(feature(report, "builtin:weather").installed());
      assertEquals(List.of(), pod.toolDefinitions());
      assertTrue(pod.callTool("Forecast", "{\"city\":\"Oslo\"}").isError());
    }
  }
}
