package dev.yoi.pod.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Backoff;
import dev.yoi.pod.LlmResponse;
import dev.yoi.pod.Pod;
import dev.yoi.pod.PodManifest;
import dev.yoi.pod.ScriptedLlmClient;
import dev.yoi.pod.hook.TurnSummary;
import dev.yoi.pod.task.TaskState;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Describing what a feature threw runs the feature's code: {@code getMessage}, {@code toString},
 * {@code getStackTrace} and {@code getCause} are its to override. An exception whose message
 * throws (an exception whose own message throws), recurses through a cause cycle until the stack
 * overflows, or whose every accessor fails or lies still becomes one bounded diagnostic naming
 * its class, on every path a feature's code runs on (install, tool, input record, hook, task),
 * and every other feature goes on.
 */
class HostileExceptionTest {
  /** Each kind of hostile exception, by the name the features are told, and its class's simple name. */
  private static final List<String> KINDS = List.of(
      "MessageThrows", "MessageThrowsHostile", "CauseCycle", "NothingWorks", "LyingFrames");

  private static final String FEATURES = """
      package hostile;
      public final class Hostile {
        private Hostile() {}

        /** Its message cannot be read. */
        public static final class MessageThrows extends RuntimeException {
          @Override public String getMessage() { throw new IllegalStateException("no message for you"); }
        }

        /** Reading its message throws an exception whose message cannot be read either. */
        public static final class MessageThrowsHostile extends RuntimeException {
          @Override public String getMessage() { throw new MessageThrows(); }
        }

        /** Its message is its cause's, and its cause is itself by way of another: the stack overflows. */
        public static final class CauseCycle extends RuntimeException {
          @Override public String getMessage() { return "because " + getCause().getMessage(); }
          static CauseCycle make() {
            CauseCycle a = new CauseCycle();
            CauseCycle b = new CauseCycle();
            a.initCause(b);
            b.initCause(a);
            return a;
          }
        }

        /** No message, and everything else a describer might ask throws. */
        public static final class NothingWorks extends RuntimeException {
          @Override public String getMessage() { return null; }
          @Override public String getLocalizedMessage() { throw new IllegalStateException("localized"); }
          @Override public String toString() { throw new IllegalStateException("toString"); }
          @Override public StackTraceElement[] getStackTrace() { throw new IllegalStateException("frames"); }
          @Override public synchronized Throwable getCause() { throw new IllegalStateException("cause"); }
        }

        /** A stack of holes, and a name that is not its own. */
        public static final class LyingFrames extends RuntimeException {
          LyingFrames() { super("frames\\u001b[2K of nothing"); }
          @Override public StackTraceElement[] getStackTrace() { return new StackTraceElement[] {null, null}; }
          @Override public String toString() { return "dev.yoi.HostError: the host failed, not the feature"; }
        }

        public static RuntimeException of(String kind) {
          switch (kind) {
            case "MessageThrows": return new MessageThrows();
            case "MessageThrowsHostile": return new MessageThrowsHostile();
            case "CauseCycle": return CauseCycle.make();
            case "NothingWorks": return new NothingWorks();
            default: return new LyingFrames();
          }
        }

        static String kind(String inputJson) {
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\"kind\\":\\"(\\\\w+)\\"").matcher(inputJson);
          return m.find() ? m.group(1) : "";
        }

        @Feature(id = "install-message-throws", name = "Install")
        public static final class InstallMessageThrows implements FeatureModule {
          public void install(InstallContext c) { throw of("MessageThrows"); }
        }

        @Feature(id = "install-message-throws-hostile", name = "Install")
        public static final class InstallMessageThrowsHostile implements FeatureModule {
          public void install(InstallContext c) { throw of("MessageThrowsHostile"); }
        }

        @Feature(id = "install-cause-cycle", name = "Install")
        public static final class InstallCauseCycle implements FeatureModule {
          public void install(InstallContext c) { throw of("CauseCycle"); }
        }

        @Feature(id = "install-nothing-works", name = "Install")
        public static final class InstallNothingWorks implements FeatureModule {
          public void install(InstallContext c) { throw of("NothingWorks"); }
        }

        @Feature(id = "install-lying-frames", name = "Install")
        public static final class InstallLyingFrames implements FeatureModule {
          public void install(InstallContext c) { throw of("LyingFrames"); }
        }

        @Feature(id = "plain", name = "Plain")
        public static final class Plain implements FeatureModule {
          public void install(InstallContext c) { c.tools().register(new Echo()); }
          @ToolContribution(name = "Echo", description = "Echoes its input")
          public static final class Echo implements Tool<JsonNode> {
            public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("echo " + input); }
          }
        }

        @Feature(id = "throwing-tools", name = "Throwing tools")
        public static final class ThrowingTools implements FeatureModule {
          public void install(InstallContext c) {
            c.tools().register(new Thrower());
            c.tools().register(new Picky());
          }
          @ToolContribution(name = "Thrower", description = "Throws the kind it is given")
          public static final class Thrower implements Tool<JsonNode> {
            public ToolResult call(JsonNode input, ToolContext context) { throw of(input.path("kind").asText()); }
          }
          @ToolContribution(name = "Picky", description = "Its input record throws the kind it is given")
          public static final class Picky implements Tool<Choice> {
            public ToolResult call(Choice input, ToolContext context) { return ToolResult.text("never"); }
          }
        }

        @Feature(id = "guard", name = "Guard")
        public static final class Guard implements FeatureModule {
          public void install(InstallContext c) { c.hooks().register(new Check()); }
          @HookContribution(name = "check")
          public static final class Check implements PreToolCallHook {
            public PreToolCallDecision beforeToolCall(ToolCallView call) {
              String kind = kind(call.inputJson());
              if (kind.isEmpty()) {
                return PreToolCallDecision.allow();
              }
              throw of(kind);
            }
          }
        }

        @Feature(id = "ending", name = "Ending")
        public static final class Ending implements FeatureModule {
          public void install(InstallContext c) { c.hooks().register(new End()); }
          @HookContribution(name = "end")
          public static final class End implements TurnEndHook {
            public void onTurnEnd(TurnSummary turn) { throw of(turn.userMessage()); }
          }
        }

        @Feature(id = "crasher", name = "Crasher")
        public static final class Crasher implements FeatureModule {
          public void install(InstallContext c) { c.backgroundTasks().register(new Crash()); }
          @BackgroundTaskContribution(name = "crash", description = "Throws each kind in turn", restart = RestartPolicy.ALWAYS)
          public static final class Crash implements BackgroundTask {
            private static final String[] KINDS = {%s};
            private int runs;
            public void run(TaskContext context) { throw of(KINDS[runs++ %% KINDS.length]); }
          }
        }
      }
      """.formatted(KINDS.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", ")));

  /**
   * The input record of the tool "Picky", whose constructor throws. In a file of its own: javac
   * rejects a record's compact constructor in the top-level class of a feature whose install the
   * processor scans (a processor bug, left for its own fix).
   */
  private static final String CHOICE = """
      package hostile;
      public record Choice(String kind) {
        public Choice {
          if (kind != null) {
            throw Hostile.of(kind);
          }
        }
      }
      """;

  private static final long WAIT_SECONDS = 30;

  @TempDir static Path shared;
  @TempDir Path dir;
  private static URLClassLoader features;

  private final List<Diagnostic> diagnostics = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void compile() {
    features = FeatureCompiler.loader(FeatureCompiler.compile(shared.resolve("hostile"),
        FeatureCompiler.java(FEATURES), FeatureCompiler.source("hostile.Choice", CHOICE)));
  }

  @AfterAll
  static void closeLoader() throws IOException {
    features.close();
  }

  /** A Pod with only the named project features enabled, each granted what it requests. */
  private Pod.Builder pod(String... slugs) {
    String enabled = String.join(",", Arrays.stream(slugs).map(s -> "\"project:" + s + "\"").toList());
    return Pod.builder()
        .features(features, FeatureSource.PROJECT)
        .manifest(PodManifest.parse("{\"features\":{\"enable\":[" + enabled + "]}}", "test manifest", dir))
        .authorityPolicy(AuthorityPolicy.grantRequested())
        .diagnostics(diagnostics::add);
  }

  private List<Diagnostic> diagnostics(String code, String featureId) {
    return diagnostics.stream().filter(d -> d.code().equals(code) && d.featureId().equals(featureId)).toList();
  }

  /** One line of data, bounded, naming the class that was thrown. */
  private static void assertDescribes(String kind, String text) {
    assertTrue(text.contains(kind), kind + " not named in: " + text);
    assertTrue(text.length() < 1500, text.length() + ": " + text);
    assertTrue(text.codePoints().noneMatch(ControlCharacters::escaped), text);
    assertFalse(text.contains("dev.yoi.HostError"), "its toString is not its name: " + text);
  }

  @Test
  void anInstallThatThrowsAHostileExceptionFailsThatFeatureOnlyNamingTheClass() {
    try (Pod pod = pod("install-message-throws", "install-message-throws-hostile", "install-cause-cycle",
        "install-nothing-works", "install-lying-frames", "plain").build()) {
      InstallReport report = pod.start();

      for (String kind : KINDS) {
        String id = "project:install-" + kind.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
        FeatureReport feature = report.feature(id).orElseThrow();
        assertFalse(feature.installed(), id);
        List<Diagnostic> failed = feature.diagnostics("yoi/install-failed");
        assertEquals(1, failed.size(), report.toJson());
        assertTrue(failed.get(0).message().contains("install threw hostile.Hostile$" + kind),
            failed.get(0).message());
        assertDescribes(kind, failed.get(0).message());
      }
      assertTrue(report.feature("project:plain").orElseThrow().installed(), report.toJson());
      assertEquals(ToolResult.text("echo {}"), pod.callTool("Echo", "{}"));
    }
  }

  @Test
  void aToolOrInputRecordThatThrowsAHostileExceptionIsAnErrorResultNamingTheClass() {
    try (Pod pod = pod("throwing-tools", "plain").build()) {
      assertTrue(pod.start().feature("project:throwing-tools").orElseThrow().installed());

      for (String kind : KINDS) {
        String input = "{\"kind\":\"" + kind + "\"}";
        ToolResult thrown = pod.callTool("Thrower", input);
        assertTrue(thrown.isError(), thrown.toString());
        // The tool's own result channel: its message whole, as the tool could have written it.
        assertTrue(thrown.text().startsWith("tool \"Thrower\" failed: " + kind), thrown.text());

        ToolResult decoded = pod.callTool("Picky", input);
        assertTrue(decoded.isError(), decoded.toString());
        assertTrue(decoded.text().length() < 1500, decoded.text());
        assertEquals(ToolResult.text("echo " + input), pod.callTool("Echo", input), "the Pod goes on");
      }
      List<Diagnostic> failed = diagnostics("yoi/tool-failed", "project:throwing-tools").stream()
          .filter(d -> d.message().contains("tool \"Thrower\"")).toList();
      assertEquals(KINDS.size(), failed.size(), diagnostics.toString());
      for (int i = 0; i < KINDS.size(); i++) {
        assertDescribes(KINDS.get(i), failed.get(i).message());
      }
    }
  }

  @Test
  void aPreToolCallHookThatThrowsAHostileExceptionDeniesTheCallNamingTheClass() {
    try (Pod pod = pod("guard", "plain").build()) {
      assertTrue(pod.start().feature("project:guard").orElseThrow().installed());

      for (String kind : KINDS) {
        ToolResult denied = pod.callTool("Echo", "{\"kind\":\"" + kind + "\"}");
        assertTrue(denied.isError(), denied.toString());
        assertTrue(denied.text().startsWith("call denied: pre-tool-call hook \"check\" of feature project:guard"
            + " failed (" + kind), denied.text());
        assertDescribes(kind, denied.text());
      }
      List<Diagnostic> failed = diagnostics("yoi/hook-failed", "project:guard");
      assertEquals(KINDS.size(), failed.size(), diagnostics.toString());
      for (int i = 0; i < KINDS.size(); i++) {
        assertDescribes(KINDS.get(i), failed.get(i).message());
      }
      assertEquals(ToolResult.text("echo {}"), pod.callTool("Echo", "{}"), "the Pod goes on");
    }
  }

  @Test
  void aTurnEndHookThatThrowsAHostileExceptionIsReportedAndTheTurnsGoOn() {
    ScriptedLlmClient model = new ScriptedLlmClient(
        KINDS.stream().map(k -> LlmResponse.text("after " + k)).toArray(LlmResponse[]::new));
    try (Pod pod = pod("ending").model(model).build()) {
      assertTrue(pod.start().feature("project:ending").orElseThrow().installed());

      for (String kind : KINDS) {
        TurnSummary turn = pod.runTurn(kind);
        assertEquals("after " + kind, turn.assistantMessage());
      }
      List<Diagnostic> failed = diagnostics("yoi/hook-failed", "project:ending");
      assertEquals(KINDS.size(), failed.size(), diagnostics.toString());
      for (int i = 0; i < KINDS.size(); i++) {
        assertDescribes(KINDS.get(i), failed.get(i).message());
      }
    }
  }

  @Test
  void aTaskThatThrowsHostileExceptionsIsReportedNamingEachClassAndRestarted() throws InterruptedException {
    CountDownLatch restarted = new CountDownLatch(1);
    Pod.Builder builder = pod("crasher", "plain")
        .taskBackoff(new Backoff(Duration.ofMillis(1), Duration.ofMillis(4)))
        .taskEvents(status -> {
          if (status.failures() >= KINDS.size() && status.state() == TaskState.RUNNING) {
            restarted.countDown(); // running again after the last kind: each failure was reported first
          }
        });
    try (Pod pod = builder.build()) {
      assertTrue(pod.start().feature("project:crasher").orElseThrow().installed());

      assertTrue(restarted.await(WAIT_SECONDS, TimeUnit.SECONDS),
          "restarted after each kind: " + diagnostics("yoi/task-failed", "project:crasher") + " " + pod.tasks());
      List<Diagnostic> failed = diagnostics("yoi/task-failed", "project:crasher");
      for (int i = 0; i < KINDS.size(); i++) {
        assertDescribes(KINDS.get(i), failed.get(i).message());
      }
      assertEquals(ToolResult.text("echo {}"), pod.callTool("Echo", "{}"), "the Pod goes on");
    }
  }
}
