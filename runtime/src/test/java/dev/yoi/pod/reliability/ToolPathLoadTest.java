package dev.yoi.pod.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.reliability.Soak;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Pod;
import dev.yoi.pod.history.History;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.tool.ToolResult;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6.4: 16 threads call tools at once through the whole tool path, mixing good calls, calls a
 * hook denies, calls whose hook throws (fail closed), tools that throw, inputs that break the
 * schema, inputs that are not JSON, and unknown tools. Every call returns an error result or a
 * good one (never an exception) of the kind it should; history holds exactly one call and one
 * result per call, the result after its call, each thread's calls in the order it made them, and
 * each result the text its caller got. CI: 16 x 2,500 calls in memory and 16 x 100 on disk (then
 * reopened); soak: 16 x 10,000 and 16 x 1,000.
 */
class ToolPathLoadTest {
  private static final int THREADS = 16;

  static final String LOAD = """
      package acme.load;
      @Feature(id = "load", name = "Load", version = "1.0.0")
      public final class LoadFeature implements FeatureModule {
        public void install(InstallContext c) {
          c.tools().register(new Echo());
          c.tools().register(new Boom());
          c.tools().register(new Guarded());
          c.tools().register(new Shaky());
          c.hooks().register(new Gate());
        }
        public record Input(String token, int n) {}
        @ToolContribution(name = "Echo", description = "Echoes its input and the call id")
        public static final class Echo implements Tool<Input> {
          public ToolResult call(Input in, ToolContext context) {
            return ToolResult.text(in.token() + ":" + in.n() + "@" + context.callId());
          }
        }
        @ToolContribution(name = "Boom", description = "Always throws")
        public static final class Boom implements Tool<Input> {
          public ToolResult call(Input in, ToolContext context) { throw new IllegalStateException("boom " + in.token()); }
        }
        @ToolContribution(name = "Guarded", description = "Always denied by the gate")
        public static final class Guarded implements Tool<Input> {
          public ToolResult call(Input in, ToolContext context) { return ToolResult.text("ran " + in.token()); }
        }
        @ToolContribution(name = "Shaky", description = "Its gate throws")
        public static final class Shaky implements Tool<Input> {
          public ToolResult call(Input in, ToolContext context) { return ToolResult.text("ran " + in.token()); }
        }
        @HookContribution(name = "gate")
        public static final class Gate implements PreToolCallHook {
          public PreToolCallDecision beforeToolCall(ToolCallView call) {
            if (call.toolName().equals("Guarded")) {
              return PreToolCallDecision.deny("Guarded is not allowed");
            }
            if (call.toolName().equals("Shaky")) {
              throw new IllegalStateException("the gate broke");
            }
            return PreToolCallDecision.allow();
          }
        }
      }
      """;

  /** The kinds of call, each with its tool, its input and what its result must look like. */
  enum Kind {
    GOOD("Echo"),
    DENIED("Guarded"),
    HOOK_THROWS("Shaky"),
    TOOL_THROWS("Boom"),
    BAD_INPUT("Echo"),
    NOT_JSON("Echo"),
    UNKNOWN_TOOL("Nope");

    final String tool;

    Kind(String tool) {
      this.tool = tool;
    }

    String input(String token, int n) {
      return switch (this) {
        case BAD_INPUT -> "{\"token\":\"" + token + "\",\"n\":\"" + n + "\"}";
        case NOT_JSON -> "{\"token\":\"" + token + "\",\"n\":";
        default -> "{\"token\":\"" + token + "\",\"n\":" + n + "}";
      };
    }

    boolean matches(ToolResult result, String token, int n) {
      return switch (this) {
        case GOOD -> !result.isError() && result.text().startsWith(token + ":" + n + "@call-");
        case DENIED -> result.isError() && result.text().contains("Guarded is not allowed");
        case HOOK_THROWS -> result.isError() && result.text().contains("the gate broke");
        case TOOL_THROWS -> result.isError() && result.text().contains("boom " + token);
        case BAD_INPUT -> result.isError() && result.text().contains("does not match its schema");
        case NOT_JSON -> result.isError() && result.text().contains("is not valid JSON");
        case UNKNOWN_TOOL -> result.isError() && result.text().startsWith("unknown tool \"Nope\"");
      };
    }
  }

  @TempDir static Path shared;
  @TempDir Path dir;
  private static URLClassLoader feature;

  @BeforeAll
  static void compile() {
    feature = FeatureCompiler.loader(FeatureCompiler.compile(shared.resolve("load"), FeatureCompiler.java(LOAD)));
  }

  @AfterAll
  static void close() throws IOException {
    feature.close();
  }

  @Test
  void sixteenThreadsOfMixedCallsGetOneResultEachInMemory() throws Exception {
    int perThread = Soak.count(2_500, 10_000);
    try (Pod pod = Pod.builder().features(feature, FeatureSource.BUILTIN).build()) {
      pod.start();
      LongAdder toolFailures = new LongAdder();
      pod.subscribe(d -> {
        if (d.code().equals("yoi/tool-failed")) {
          toolFailures.increment();
        }
      });
      Map<String, Call> calls = hammer(pod, perThread);

      checkHistory(pod.history(), calls, perThread);
      long thrown = calls.values().stream().filter(c -> c.kind() == Kind.TOOL_THROWS).count();
      assertEquals(thrown, toolFailures.sum(), "one yoi/tool-failed per tool that threw");
    }
  }

  @Test
  void sixteenThreadsOfMixedCallsGetOneResultEachOnDiskAndAfterReopening() throws Exception {
    int perThread = Soak.count(100, 1_000);
    Map<String, Call> calls;
    try (Pod pod = Pod.builder().features(feature, FeatureSource.BUILTIN).history(dir).build()) {
      pod.start();
      calls = hammer(pod, perThread);
      checkHistory(pod.history(), calls, perThread);
    }
    try (History reopened = History.open(dir)) {
      assertEquals(List.of(), reopened.recoveryDiagnostics(), "a cleanly closed history needs no repair");
      checkHistory(reopened.entries(), calls, perThread);
    }
  }

  /** One call as its caller saw it. */
  record Call(int thread, int n, Kind kind, ToolResult result) {}

  /** Runs {@code perThread} calls on each of 16 threads, released together; returns them by token. */
  private static Map<String, Call> hammer(Pod pod, int perThread) throws Exception {
    Map<String, Call> calls = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          go.await();
          for (int n = 0; n < perThread; n++) {
            Kind kind = Kind.values()[Math.floorMod(thread * 31 + n * 7 + n / 3, Kind.values().length)];
            String token = "t" + thread + "-" + n;
            ToolResult result = pod.callTool(kind.tool, kind.input(token, n));
            assertTrue(kind.matches(result, token, n), kind + " " + token + " got " + result);
            calls.put(token, new Call(thread, n, kind, result));
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(THREADS * perThread, calls.size());
    return calls;
  }

  private static final Pattern TOKEN = Pattern.compile("\"token\":\"(t\\d+-\\d+)\"");

  /** Exactly one call and one result per call id, in order, each as its caller saw it. */
  private static void checkHistory(List<HistoryEntry> entries, Map<String, Call> calls, int perThread) {
    Map<String, Integer> callAt = new HashMap<>();
    Map<String, String> tokenOf = new HashMap<>();
    Map<String, Integer> resultAt = new HashMap<>();
    Map<String, Integer> lastN = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      HistoryEntry e = entries.get(i);
      if (e instanceof HistoryEntry.ToolCall call) {
        assertTrue(callAt.put(call.callId(), i) == null, "call id used twice: " + call.callId());
        Matcher m = TOKEN.matcher(call.inputJson());
        assertTrue(m.find(), "no token in " + call.inputJson());
        String token = m.group(1);
        assertTrue(tokenOf.put(call.callId(), token) == null);
        Call made = calls.get(token);
        assertEquals(made.kind().tool, call.toolName(), token);
        // Each thread's calls are in history in the order the thread made them.
        String thread = token.substring(0, token.indexOf('-'));
        Integer previous = lastN.put(thread, made.n());
        assertTrue(previous == null || previous < made.n(), thread + " out of order at " + token);
      } else if (e instanceof HistoryEntry.ToolResult result) {
        assertTrue(callAt.containsKey(result.callId()), "a result before (or without) its call: " + result.callId());
        assertTrue(resultAt.put(result.callId(), i) == null, "a second result for " + result.callId());
        Call made = calls.get(tokenOf.get(result.callId()));
        assertEquals(made.result().text(), result.text(), result.callId());
        assertEquals(made.result().isError(), result.error(), result.callId());
        if (made.kind() == Kind.GOOD) {
          assertTrue(result.text().endsWith("@" + result.callId()), "the tool saw the call id history has");
        }
      } else {
        throw new AssertionError("unexpected entry " + e);
      }
    }
    assertEquals(THREADS * perThread, callAt.size(), "calls in history");
    assertEquals(callAt.keySet(), resultAt.keySet(), "every call has its result");
    assertEquals(2 * THREADS * perThread, entries.size());
  }
}
