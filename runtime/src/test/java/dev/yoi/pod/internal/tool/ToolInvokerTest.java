package dev.yoi.pod.internal.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.descriptor.HookPoint;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.Severity;
import dev.yoi.pod.Alert;
import dev.yoi.pod.fixture.Contributions;
import dev.yoi.pod.history.History;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.hook.PreToolCallDecision;
import dev.yoi.pod.hook.PreToolCallHook;
import dev.yoi.pod.hook.ToolCallView;
import dev.yoi.pod.hook.ToolResultHook;
import dev.yoi.pod.internal.hook.HookRegistry;
import dev.yoi.pod.internal.notify.FeatureAlerts;
import dev.yoi.pod.tool.ToolResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToolInvokerTest {
  record Forecast(String city, Optional<Integer> days) {}

  static final String FORECAST_SCHEMA = """
      {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
       "properties":{"city":{"type":"string"},"days":{"type":"integer","minimum":1}},
       "required":["city"],"additionalProperties":false}""";

  final List<Diagnostic> diagnostics = new CopyOnWriteArrayList<>();
  final List<Alert> alerts = new CopyOnWriteArrayList<>();
  final History history = History.inMemory();
  final ToolRegistry tools = new ToolRegistry();
  final HookRegistry hooks = new HookRegistry(diagnostics::add);
  final ToolInvoker invoker = new ToolInvoker(tools, hooks, history,
      feature -> new FeatureAlerts(feature, alerts::add), diagnostics::add);
  final List<Forecast> received = new CopyOnWriteArrayList<>();

  ToolInvokerTest() {
    tools.commit(Contributions.of("project:weather")
        .tool("Forecast", FORECAST_SCHEMA, Forecast.class, (input, context) -> {
          received.add(input);
          context.alerts().info("forecast for " + input.city());
          return ToolResult.text(input.city() + " in " + input.days().orElse(1) + " days: sunny");
        })
        .build());
  }

  @AfterEach
  void closeHistory() {
    history.close();
  }

  @Test
  void validInputIsDecodedIntoTheRecordAndCallAndResultAreRecorded() {
    ToolResult result = invoker.call("Forecast", "{\"city\":\"Oslo\",\"days\":3}");

    assertEquals(ToolResult.text("Oslo in 3 days: sunny"), result);
    assertEquals(List.of(new Forecast("Oslo", Optional.of(3))), received);
    assertEquals(List.of(
        new HistoryEntry.ToolCall("call-1", "Forecast", "{\"city\":\"Oslo\",\"days\":3}"),
        new HistoryEntry.ToolResult("call-1", "Forecast", "Oslo in 3 days: sunny", false)),
        history.entries());
  }

  @Test
  void anOptionalComponentMayBeLeftOut() {
    assertEquals("Oslo in 1 days: sunny", invoker.call("Forecast", "{\"city\":\"Oslo\"}").text());
    assertEquals(Optional.empty(), received.get(0).days());
  }

  @Test
  void theToolContextCarriesTheCallAndTheFeaturesAlerts() {
    invoker.call("Forecast", "{\"city\":\"Oslo\"}");
    assertEquals(List.of(new Alert("project:weather", dev.yoi.pod.notify.Alerts.Level.INFO, "forecast for Oslo")),
        alerts);
  }

  @Test
  void anUnknownToolIsAnErrorResultThatListsTheTools() {
    ToolResult result = invoker.call("Forcast", "{}");

    assertTrue(result.isError());
    assertEquals("unknown tool \"Forcast\"; the tools are: Forecast", result.text());
    assertEquals(new HistoryEntry.ToolResult("call-1", "Forcast", result.text(), true), history.entries().get(1));
  }

  @Test
  void schemaInvalidInputListsEveryViolationAndNeverReachesTheTool() {
    ToolResult result = invoker.call("Forecast", "{\"days\":0,\"town\":\"Oslo\"}");

    assertTrue(result.isError());
    assertTrue(result.text().startsWith("input for tool \"Forecast\" does not match its schema (3 problems):"),
        result.text());
    assertTrue(result.text().contains("required property 'city' not found"), result.text());
    assertTrue(result.text().contains("'town'"), result.text());
    assertTrue(result.text().contains("/days"), result.text());
    assertEquals(List.of(), received);
  }

  static final String UNCOMPILABLE_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/nowhere\"}}}";

  @Test
  void aToolWhoseSchemaDoesNotCompileIsCommittedAndEveryCallIsAnErrorResultReportedOnce() {
    List<JsonNode> ran = new ArrayList<>();
    tools.commit(Contributions.of("user:broken")
        .tool("Broken", UNCOMPILABLE_SCHEMA, JsonNode.class, (input, context) -> {
          ran.add(input);
          return ToolResult.text("ran");
        })
        .build());

    ToolResult first = invoker.call("Broken", "{\"a\":1}");
    ToolResult second = invoker.call("Broken", "{\"a\":1}");

    assertTrue(first.isError());
    assertTrue(first.text().startsWith("tool \"Broken\" cannot be called: its input schema does not compile ("),
        first.text());
    assertEquals(first, second);
    assertEquals(List.of(), ran);
    assertEquals(1, diagnostics.size(), diagnostics.toString());
    assertEquals("yoi/tool-failed", diagnostics.get(0).code());
    assertEquals("user:broken", diagnostics.get(0).featureId());
    assertTrue(diagnostics.get(0).message().contains("does not compile"), diagnostics.get(0).message());
    assertEquals(4, history.size(), "each call still gets its one result");
  }

  @Test
  void aSchemaIsCompiledOnTheFirstCallAndTheSecondCallUsesIt() {
    RegisteredTool tool = tools.lookup("Forecast");

    invoker.call("Forecast", "{\"city\":\"Oslo\"}");
    InputSchema.Outcome compiled = tool.schema().compiled();
    ToolResult second = invoker.call("Forecast", "{\"days\":0}");

    assertTrue(compiled instanceof InputSchema.Ready, compiled.toString());
    assertSame(compiled, tool.schema().compiled());
    assertTrue(second.text().contains("required property 'city' not found"), second.text());
  }

  @Test
  void schemasArePreparedAheadOfTheFirstCallAndABrokenOneIsStillReportedOnceByItsCalls() throws Exception {
    tools.commit(Contributions.of("user:broken")
        .tool("Broken", UNCOMPILABLE_SCHEMA, JsonNode.class, (input, context) -> ToolResult.text("ran"))
        .build());
    tools.seal();

    tools.prepareAhead();
    tools.awaitPrepared();

    assertTrue(tools.lookup("Forecast").schema().isCompiled());
    assertTrue(tools.lookup("Broken").schema().isCompiled());
    assertEquals(List.of(), diagnostics, "compiling ahead reports nothing: the calls do");
    assertEquals(0, history.size());
    ToolResult first = invoker.call("Broken", "{\"a\":1}");
    assertEquals(first, invoker.call("Broken", "{\"a\":1}"));
    assertTrue(first.text().startsWith("tool \"Broken\" cannot be called: its input schema does not compile ("),
        first.text());
    assertEquals(1, diagnostics.size(), diagnostics.toString());
    assertEquals("yoi/tool-failed", diagnostics.get(0).code());
    assertEquals(ToolResult.text("Oslo in 1 days: sunny"), invoker.call("Forecast", "{\"city\":\"Oslo\"}"));
  }

  @Test
  void onlyTheFirstToolsByNameArePreparedAheadTheRestCompileOnTheirFirstCall() throws Exception {
    Contributions many = Contributions.of("user:many");
    for (int i = 0; i <= ToolRegistry.PREPARED_AHEAD; i++) {
      many.tool(String.format("A%03d", i), FORECAST_SCHEMA, Forecast.class, (input, context) -> ToolResult.text("ok"));
    }
    tools.commit(many.build());
    tools.seal();

    tools.prepareAhead();
    tools.awaitPrepared();

    // "Forecast" sorts after "A..": the first PREPARED_AHEAD names are A000 to A099.
    assertTrue(tools.lookup("A000").schema().isCompiled());
    assertTrue(tools.lookup(String.format("A%03d", ToolRegistry.PREPARED_AHEAD - 1)).schema().isCompiled());
    assertFalse(tools.lookup(String.format("A%03d", ToolRegistry.PREPARED_AHEAD)).schema().isCompiled());
    assertFalse(tools.lookup("Forecast").schema().isCompiled());
    assertEquals(ToolResult.text("ok"), invoker.call(String.format("A%03d", ToolRegistry.PREPARED_AHEAD), "{\"city\":\"x\"}"));
    assertTrue(tools.lookup(String.format("A%03d", ToolRegistry.PREPARED_AHEAD)).schema().isCompiled());
  }

  @Test
  void aStoppedPreparationEndsAndLeavesTheRestToTheCalls() throws Exception {
    tools.seal();

    tools.prepareAhead();
    tools.stopPreparing();
    tools.awaitPrepared();

    assertEquals(ToolResult.text("Oslo in 1 days: sunny"), invoker.call("Forecast", "{\"city\":\"Oslo\"}"));
  }

  @Test
  void inputThatIsNotJsonIsAnErrorResult() {
    ToolResult result = invoker.call("Forecast", "{city: Oslo");

    assertTrue(result.isError());
    assertTrue(result.text().startsWith("input for tool \"Forecast\" is not valid JSON"), result.text());
    assertEquals(List.of(), received);
  }

  @Test
  void aBlankInputMeansAnEmptyObject() {
    ToolResult result = invoker.call("Forecast", " ");

    assertTrue(result.text().contains("required property 'city' not found"), result.text());
    assertEquals(new HistoryEntry.ToolCall("call-1", "Forecast", "{}"), history.entries().get(0));
  }

  @Test
  void aThrowingToolBecomesAnErrorResultAndADiagnosticNamingTheFeature() {
    tools.commit(Contributions.of("user:flaky")
        .tool("Explode", "{\"type\":\"object\"}", JsonNode.class, (input, context) -> {
          throw new IllegalStateException("the disk is full");
        })
        .build());

    ToolResult result = invoker.call("Explode", "{}");

    assertEquals(ToolResult.error("tool \"Explode\" failed: IllegalStateException: the disk is full"), result);
    Diagnostic diagnostic = diagnostics.get(0);
    assertEquals("yoi/tool-failed", diagnostic.code());
    assertEquals("user:flaky", diagnostic.featureId());
    assertEquals(Severity.ERROR, diagnostic.severity());
    assertTrue(diagnostic.message().startsWith("[yoi/tool-failed] tool \"Explode\" of feature user:flaky"),
        diagnostic.message());
    assertEquals(2, history.size());
  }

  @Test
  void aToolReturningNullIsAnErrorResult() {
    tools.commit(Contributions.of("user:lazy")
        .tool("Nothing", "{\"type\":\"object\"}", JsonNode.class, (input, context) -> null)
        .build());

    assertTrue(invoker.call("Nothing", "{}").isError());
    assertEquals("yoi/tool-failed", diagnostics.get(0).code());
  }

  @Test
  void aJsonNodeToolGetsItsInputAsIs() {
    List<JsonNode> inputs = new ArrayList<>();
    tools.commit(Contributions.of("user:echo")
        .tool("Echo", "{\"type\":\"object\"}", JsonNode.class, (input, context) -> {
          inputs.add(input);
          return ToolResult.text(context.callId() + " " + context.toolName() + " " + context.featureId());
        })
        .build());

    assertEquals("call-1 Echo user:echo", invoker.call("Echo", "{\"any\":[1,2]}").text());
    assertEquals(Contributions.json("{\"any\":[1,2]}"), inputs.get(0));
  }

  @Test
  void theFirstDenyWinsAndLaterHooksDoNotRun() {
    AtomicInteger laterCalls = new AtomicInteger();
    hooks.commit(Contributions.of("builtin:guard")
        .hook("first", HookPoint.PRE_TOOL_CALL, 0, (PreToolCallHook) call -> PreToolCallDecision.allow())
        .hook("second", HookPoint.PRE_TOOL_CALL, 1,
            (PreToolCallHook) call -> PreToolCallDecision.deny("Forecast is not allowed here"))
        .hook("third", HookPoint.PRE_TOOL_CALL, 2, (PreToolCallHook) call -> {
          laterCalls.incrementAndGet();
          return PreToolCallDecision.deny("never reached");
        })
        .build());

    ToolResult result = invoker.call("Forecast", "{\"city\":\"Oslo\"}");

    assertEquals(ToolResult.error("call denied by pre-tool-call hook \"second\" of feature builtin:guard:"
        + " Forecast is not allowed here"), result);
    assertEquals(0, laterCalls.get());
    assertEquals(List.of(), received);
  }

  @Test
  void aThrowingPreToolCallHookDeniesTheCallAndIsReported() {
    hooks.commit(Contributions.of("project:audit")
        .hook("audit", HookPoint.PRE_TOOL_CALL, 0, (PreToolCallHook) call -> {
          throw new IllegalStateException("audit log unavailable");
        })
        .build());

    ToolResult result = invoker.call("Forecast", "{\"city\":\"Oslo\"}");

    assertTrue(result.isError());
    assertTrue(result.text().contains("IllegalStateException: audit log unavailable"), result.text());
    assertEquals(List.of(), received);
    assertEquals(1, diagnostics.size());
    assertEquals("yoi/hook-failed", diagnostics.get(0).code());
    assertEquals("project:audit", diagnostics.get(0).featureId());
  }

  @Test
  void toolResultHooksSeeEveryResultAndOneThatThrowsChangesNothing() {
    List<String> seen = new ArrayList<>();
    hooks.commit(Contributions.of("project:audit")
        .hook("broken", HookPoint.TOOL_RESULT, 0, (ToolResultHook) (call, result) -> {
          throw new IllegalStateException("broken");
        })
        .hook("log", HookPoint.TOOL_RESULT, 1,
            (ToolResultHook) (call, result) -> seen.add(call.callId() + " " + result.isError()))
        .build());

    ToolResult ok = invoker.call("Forecast", "{\"city\":\"Oslo\"}");
    invoker.call("Missing", "{}");

    assertFalse(ok.isError());
    assertEquals(List.of("call-1 false", "call-2 true"), seen);
    assertEquals(2, diagnostics.size());
    assertEquals(Severity.WARNING, diagnostics.get(0).severity());
    assertEquals(new HistoryEntry.ToolResult("call-1", "Forecast", ok.text(), false), history.entries().get(1));
  }

  @Test
  void invokeReturnsTheCallAsRecorded() {
    ToolInvoker.Completed completed = invoker.invoke("Forecast", "{\"city\":\"Oslo\"}");
    assertEquals(new ToolCallView("call-1", "Forecast", "{\"city\":\"Oslo\"}"), completed.call());
  }

  @Test
  void concurrentCallsEachGetExactlyOneResult() throws Exception {
    int threads = 8;
    int callsPerThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < callsPerThread; i++) {
            String input = i % 2 == 0 ? "{\"city\":\"c" + thread + "-" + i + "\"}" : "{\"bad\":1}";
            invoker.call("Forecast", input);
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<HistoryEntry> entries = history.entries();
    assertEquals(2 * threads * callsPerThread, entries.size());
    Set<String> calls = new HashSet<>();
    Map<String, Integer> results = new java.util.HashMap<>();
    for (HistoryEntry entry : entries) {
      if (entry instanceof HistoryEntry.ToolCall call) {
        assertTrue(calls.add(call.callId()), "call id used twice: " + call.callId());
      } else if (entry instanceof HistoryEntry.ToolResult result) {
        assertTrue(calls.contains(result.callId()), "result before its call: " + result.callId());
        results.merge(result.callId(), 1, Integer::sum);
      }
    }
    assertEquals(threads * callsPerThread, calls.size());
    assertEquals(calls, results.keySet());
    assertTrue(results.values().stream().allMatch(n -> n == 1));
    assertEquals(threads * callsPerThread / 2, received.size());
  }

  @Test
  void aCallTheHistoryCannotRecordIsNotRunAndIsAnErrorResultWithADiagnostic() {
    history.close();

    ToolResult result = invoker.call("Forecast", "{\"city\":\"Oslo\"}");

    assertTrue(result.isError());
    assertTrue(result.text().startsWith("tool \"Forecast\" was not run: the host could not record the call"),
        result.text());
    assertEquals(List.of(), received);
    assertEquals(List.of("yoi/history-write-failed"), diagnostics.stream().map(Diagnostic::code).toList());
    assertTrue(diagnostics.get(0).message().startsWith("[yoi/history-write-failed] "), diagnostics.get(0).message());
  }

  @Test
  void theCallersToolNameIsEscapedAndBoundedInTheHistoryDiagnostic() {
    history.close();

    invoker.call("Forecast\r\u001b[2K" + "x".repeat(500), "{}");

    String message = diagnostics.get(0).message();
    assertTrue(message.contains("to tool \"Forecast\\r\\u001B[2Kxxx"), message);
    assertTrue(message.contains("xxx\"... (419 more characters), but the append failed"), message);
    assertTrue(message.codePoints().noneMatch(ControlCharacters::escaped), message);
  }

  @Test
  void aResultTheHistoryCannotRecordIsAnErrorResultWithADiagnostic() {
    tools.commit(Contributions.of("project:closer")
        .tool("Close", "{\"type\":\"object\"}", JsonNode.class, (input, context) -> {
          history.close();
          return ToolResult.text("closed it");
        })
        .build());

    ToolResult result = invoker.call("Close", "{}");

    assertTrue(result.isError());
    assertTrue(result.text().startsWith("tool \"Close\" ran, but the host could not record its result"),
        result.text());
    assertTrue(result.text().endsWith("closed it"), result.text());
    assertEquals(List.of("yoi/history-write-failed"), diagnostics.stream().map(Diagnostic::code).toList());
  }
}
