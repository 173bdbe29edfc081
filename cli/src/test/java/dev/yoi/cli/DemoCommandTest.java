package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexEntry;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.McpServer;
import dev.yoi.descriptor.VersionChecks;
import dev.yoi.pod.Pod;
import dev.yoi.pod.history.HistoryEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, run in-process against the plugin jars the build put beside the command. */
class DemoCommandTest {
  @TempDir Path work;

  @Test
  void theDemoInstallsEveryFeatureAndShowsTheConversationWithItsReminder() {
    BuiltJars.require(BuiltJars.WEATHER);

    Cli.Result result = Cli.run("demo", "--work-dir", work.toString());

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    String out = result.out();
    for (String id : new String[] {"builtin:manifest-permissions", "builtin:memory", "builtin:task-reminders",
        "builtin:task-tools", "project:weather", "user:journal"}) {
      assertTrue(out.contains(String.format("%-30sinstalled", id)), id + " installed:\n" + out);
    }
    assertTrue(out.contains("denied SECRET_REF:weather-api-key"), out);
    assertTrue(out.contains("tool error    call-6 call denied by pre-tool-call hook \"enforce-tool-rules\""), out);
    assertTrue(out.contains("system        builtin:task-reminders: Task #1 [IN_PROGRESS] Pack for Lisbon"), out);
    assertTrue(Files.isRegularFile(work.resolve("history/history.jsonl")), "history kept in --work-dir");
    assertTrue(out.contains("\nWorking directory, kept after the demo (--work-dir):\n  " + work + "\n"), out);
    assertTrue(out.contains("\nManifest pod.json:\n"), out);
    assertTrue(out.contains("== History (history/history.jsonl) =="), out);
  }

  @Test
  void withNodeTheDemoBridgesServerEverythingAndItsEchoGoesThroughTheToolPathIntoHistoryAndJournal()
      throws Exception {
    BuiltJars.require(BuiltJars.WEATHER);
    Path servers = NodeFixtures.demoServers();

    Cli.Result result = Cli.run("demo", "--work-dir", work.toString());

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    String out = result.out();
    assertTrue(out.contains("\nMCP server, pinned into everything.features.jsonl as yoi mcp pin does, bridged as"
        + " project:everything:\n  node "), out);
    assertTrue(out.contains("  the server says it is mcp-servers/everything 2.0.0; 13 tools pinned\n"), out);
    assertTrue(out.contains("project:everything  granted nothing: it requests no authority"), out);
    assertTrue(out.contains(String.format("%-30sinstalled", "project:everything")), out);
    assertFalse(out.contains("MCP server not bridged"), out);
    // The call went through the Pod's tool path: recorded in the durable history, seen by the
    // journal's tool-result hook (whose JournalRead the model calls next).
    List<HistoryEntry> history = recordedHistory();
    assertTrue(history.contains(new HistoryEntry.ToolCall("call-7", "echo", "{\"message\":\"Lisbon, flying out on Friday\"}")),
        history.toString());
    assertTrue(history.contains(new HistoryEntry.ToolResult("call-7", "echo", "Echo: Lisbon, flying out on Friday", false)),
        history.toString());
    assertTrue(out.contains("8. tool echo returned: Echo: Lisbon, flying out on Friday"), out);
    // The pin names the installed server, and the Pod's close stopped it.
    McpServer.Stdio pinned = (McpServer.Stdio) pinnedDescriptor(work.resolve("everything.features.jsonl")).server();
    assertEquals(List.of(servers.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js")
        .toString(), "stdio"), pinned.args());
    for (ProcessHandle left : ProcessHandle.current().descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("server-everything")).toList()) {
      try {
        left.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("server process " + left.pid() + " outlived the demo", e);
      }
    }
  }

  @Test
  void withoutTheInstalledServerTheDemoSaysSoInOneLineAndRunsTheRestUnchanged() throws Exception {
    BuiltJars.require(BuiltJars.WEATHER);
    Path none = Files.createDirectories(work.resolve("no-servers"));

    Cli.Result result = Cli.run("demo", "--work-dir", work.resolve("demo").toString(), "--mcp-servers", none.toString());

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    String out = result.out();
    List<String> said = out.lines().filter(line -> line.contains("not bridged")).toList();
    assertEquals(1, said.size(), out);
    String why = NodeFixtures.node().isPresent()
        ? "server-everything is not installed in " + none + " (the build installs it there when node and npm are on the PATH)"
        : "node is not on the PATH (install Node.js 20 or later, and build again so npm installs server-everything)";
    assertEquals("MCP server not bridged: " + why + ". The demo runs without it.", said.get(0));
    assertFalse(out.contains("project:everything"), out);
    assertFalse(out.contains(" echo "), out);
    for (String id : new String[] {"builtin:task-reminders", "project:weather", "user:journal"}) {
      assertTrue(out.contains(String.format("%-30sinstalled", id)), id + " installed:\n" + out);
    }
    assertTrue(out.contains(" 16  tool error    call-6 call denied by pre-tool-call hook"), out);
    assertTrue(out.contains(" 18  tool result   call-7 5. turn 1: 4 tool call(s)"), out);
    assertFalse(Files.exists(work.resolve("demo").resolve("everything.features.jsonl")));
  }

  /** The history the demo left in its work directory, read by a Pod opened on it. */
  private List<HistoryEntry> recordedHistory() {
    try (Pod reopened = Pod.builder().history(work.resolve("history")).build()) {
      return reopened.history();
    }
  }

  private static FeatureDescriptor pinnedDescriptor(Path file) throws Exception {
    List<IndexEntry> entries = IndexFile.readFeatureFile(file.toUri().toString(), Files.readAllBytes(file),
        new VersionChecks());
    return ((IndexEntry.Valid) entries.get(0)).line().descriptor();
  }

  @Test
  void withoutWorkDirTheDemoSaysItsFilesAreTemporaryAndDeletesThem() {
    BuiltJars.require(BuiltJars.WEATHER);

    Cli.Result result = Cli.run("demo");

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    java.util.regex.Matcher named = java.util.regex.Pattern.compile("\nWorking directory, temporary: deleted"
        + " when the demo ends \\(--work-dir DIR keeps it\\):\n  (\\S+)\n").matcher(result.out());
    assertTrue(named.find(), result.out());
    assertFalse(Files.exists(Path.of(named.group(1))), "deleted as it said: " + named.group(1));
  }

  @Test
  void aMissingPluginDirectoryIsAUsageErrorThatSaysHowToBuild() {
    Cli.Result result = Cli.run("demo", "--plugins", work.resolve("nowhere").toString());

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().contains("Build first: mvn -q -DskipTests package"), result.err());
  }

  @Test
  void aWorkDirThatIsAFileIsAUsageErrorNotAnInternalOne() throws java.io.IOException {
    BuiltJars.require(BuiltJars.WEATHER);
    Path file = Files.writeString(work.resolve("not-a-dir"), "x");

    Cli.Result result = Cli.run("demo", "--work-dir", file.toString());

    assertEquals(ExitCodes.USAGE, result.exitCode(), result.all());
    assertTrue(result.err().startsWith("yoi demo: --work-dir " + file + ": cannot use it as a directory"),
        result.err());
  }
}
