package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.cli.diagnostics.Javac;
import dev.yoi.pod.Pod;
import dev.yoi.pod.history.HistoryEntry;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code yoi mcp serve} as MCP clients start it: a child process on stdio, driven by clients
 * nobody here wrote (the official TypeScript SDK's, and the Java SDK's), serving the builtins and
 * the example plugins under a manifest that denies {@code MemoryDelete}.
 */
class McpServeCommandTest {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path manifest;
  private Path history;

  @BeforeEach
  void manifestAndApprovals() throws IOException {
    manifest = Files.writeString(dir.resolve("pod.json"), """
        {"features": {"enable": ["project:weather", "user:journal"]},
         "tools": {"deny": ["MemoryDelete"]},
         "approvals": "features.lock.json"}
        """);
    String lock = dir.resolve("features.lock.json").toString();
    BuiltJars.require(BuiltJars.WEATHER);
    BuiltJars.require(BuiltJars.JOURNAL);
    // Approved in the person's own lock (here one of the test's), for this project, as yoi approve does.
    assertEquals(ExitCodes.OK, Cli.run("approve", "project:weather", "--user-lock", lock, "--project-dir",
        dir.toString(), "--project", BuiltJars.WEATHER.toString(), "--without", "SECRET_REF:weather-api-key",
        "--yes").exitCode());
    assertEquals(ExitCodes.OK, Cli.run("approve", "user:journal", "--user-lock", lock, "--user",
        BuiltJars.JOURNAL.toString(), "--yes").exitCode());
    history = dir.resolve("history");
  }

  @Test
  void theTypeScriptSdkClientListsToolsCallsThemAndGetsTheDeniedCallAsAToolError() throws Exception {
    Path fixtures = NodeFixtures.installed();
    List<String> command = new ArrayList<>(List.of(NodeFixtures.node().orElseThrow().toString(),
        fixtures.resolve("serve-client.mjs").toString()));
    command.addAll(serveCommand());
    Path out = dir.resolve("client.json");
    Process client = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    assertTrue(client.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the client did not finish");
    assertEquals(0, client.exitValue(), Files.readString(out));

    JsonNode seen = JSON.readTree(Files.readString(out, StandardCharsets.UTF_8));
    assertEquals("yoi", seen.at("/server/name").asText());
    assertFalse(seen.at("/capabilities/tools/listChanged").asBoolean());
    assertTrue(seen.at("/capabilities").has("logging"), seen.at("/capabilities").toString());
    List<String> names = new ArrayList<>();
    seen.get("tools").forEach(tool -> names.add(tool.get("name").asText()));
    assertTrue(names.containsAll(List.of("TaskCreate", "WeatherForecast", "JournalRead", "MemoryDelete")), names.toString());
    JsonNode taskCreate = tool(seen, "TaskCreate");
    assertEquals("[\"subject\"]", taskCreate.at("/inputSchema/required").toString());
    assertEquals("builtin:task-tools", taskCreate.at("/meta/dev.yoi~1feature").asText());
    assertEquals("{\"isError\":false,\"text\":\"Created #1 [PENDING] Pack for Lisbon\"}", seen.get("taskCreate").toString());
    assertFalse(seen.at("/weather/isError").asBoolean());
    assertTrue(seen.at("/weather/text").asText().startsWith("Weather for Lisbon"), seen.get("weather").toString());
    assertTrue(seen.at("/denied/isError").asBoolean(), seen.get("denied").toString());
    assertTrue(seen.at("/denied/text").asText().contains("denied by the Pod manifest (tools.deny \"MemoryDelete\")"),
        seen.get("denied").toString());
    assertTrue(seen.at("/invalid/isError").asBoolean(), seen.get("invalid").toString());
    assertTrue(seen.at("/invalid/text").asText().contains("required property 'subject' not found"), seen.get("invalid").toString());
    assertTrue(seen.at("/stderr").asText().contains("yoi mcp serve: serving 10 tools of"), seen.at("/stderr").asText());

    List<HistoryEntry> recorded = recordedHistory();
    assertEquals(new HistoryEntry.ToolCall("call-1", "TaskCreate",
        "{\"subject\":\"Pack for Lisbon\",\"description\":\"Flight on Friday\"}"), recorded.get(0));
    assertEquals(new HistoryEntry.ToolResult("call-1", "TaskCreate", "Created #1 [PENDING] Pack for Lisbon", false),
        recorded.get(1));
    assertEquals(8, recorded.size(), recorded.toString());
  }

  @Test
  void theJavaSdkClientOverStdioGetsTheSameAnswersFromTheCommand() throws Exception {
    List<String> command = serveCommand();
    StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(command.get(0))
        .args(command.subList(1, command.size())).build(), new JacksonMcpJsonMapper(JSON));
    StringBuilder stderr = new StringBuilder();
    transport.setStdErrorHandler(line -> {
      synchronized (stderr) {
        stderr.append(line).append('\n');
      }
    });
    CallToolResult created;
    CallToolResult denied;
    List<McpSchema.Tool> tools;
    try (McpSyncClient client = McpClient.sync(transport).requestTimeout(WAIT).initializationTimeout(WAIT).build()) {
      client.initialize();
      tools = client.listTools().tools();
      created = client.callTool(CallToolRequest.builder("TaskCreate").arguments(Map.of("subject", "Pack for Lisbon")).build());
      denied = client.callTool(CallToolRequest.builder("MemoryDelete").arguments(Map.of("key", "trip")).build());
      client.closeGracefully();
    }

    assertTrue(tools.stream().anyMatch(tool -> tool.name().equals("WeatherForecast")), tools.toString());
    assertEquals(List.of(McpSchema.TextContent.builder("Created #1 [PENDING] Pack for Lisbon").build()), created.content());
    assertFalse(created.isError());
    assertTrue(denied.isError());
    assertTrue(((McpSchema.TextContent) denied.content().get(0)).text().contains("(tools.deny \"MemoryDelete\")"));
    assertEquals(new HistoryEntry.ToolResult("call-1", "TaskCreate", "Created #1 [PENDING] Pack for Lisbon", false),
        recordedHistory().get(1));
  }

  @Test
  void whatAPluginPrintsOnSystemOutGoesToStderrAndNeverIntoTheConnection() throws Exception {
    Path shouter = Javac.compileOk(dir.resolve("shouter"), """
        package com.acme;

        @Feature(id = "shouter", name = "Shouter")
        public class ShouterFeature implements FeatureModule {
          @Override
          public void install(InstallContext context) {
            System.out.println("{\\"jsonrpc\\":\\"2.0\\",\\"id\\":1,\\"result\\":{}}");
            context.tools().register(new Shout());
          }

          @ToolContribution(name = "Shout", description = "Prints on System.out, then answers.")
          public static final class Shout implements Tool<JsonNode> {
            @Override
            public ToolResult call(JsonNode input, ToolContext context) {
              System.out.print("shout without a newline ");
              return ToolResult.text("shouted");
            }
          }
        }
        """);
    Path lock = dir.resolve("shouter.lock.json");
    assertEquals(ExitCodes.OK, Cli.run("approve", "project:shouter", "--user-lock", lock.toString(),
        "--project-dir", dir.toString(), "--project", shouter.toString(), "--yes").exitCode());
    Path shouterManifest = Files.writeString(dir.resolve("shouter.json"),
        "{\"features\": {\"enable\": [\"project:shouter\"]}, \"approvals\": \"shouter.lock.json\"}");
    StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(java())
        .args("-cp", System.getProperty("java.class.path"), YoiCommand.class.getName(), "mcp", "serve",
            "--manifest", shouterManifest.toString(), "--project", shouter.toString(),
            "--user-lock", lock.toString())
        .build(), new JacksonMcpJsonMapper(JSON));
    List<String> stderr = new java.util.concurrent.CopyOnWriteArrayList<>();
    transport.setStdErrorHandler(stderr::add);

    CallToolResult first;
    CallToolResult second;
    try (McpSyncClient client = McpClient.sync(transport).requestTimeout(WAIT).initializationTimeout(WAIT).build()) {
      client.initialize();
      first = client.callTool(CallToolRequest.builder("Shout").arguments(Map.of()).build());
      second = client.callTool(CallToolRequest.builder("Shout").arguments(Map.of()).build());
      client.closeGracefully();
    }

    assertEquals(List.of(McpSchema.TextContent.builder("shouted").build()), first.content());
    assertEquals(first, second);
    assertTrue(stderr.stream().anyMatch(line -> line.contains("\"jsonrpc\":\"2.0\",\"id\":1")), stderr.toString());
  }

  @Test
  void aFeatureThatWouldNotInstallStopsTheCommandBeforeServingWithTheErrorsOnStderr() throws IOException {
    Path unapproved = Files.writeString(dir.resolve("unapproved.json"),
        "{\"features\": {\"enable\": [\"project:weather\"]}}");

    Cli.Result result = Cli.run("mcp", "serve", "--manifest", unapproved.toString(),
        "--project", BuiltJars.WEATHER.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode(), result.all());
    assertEquals("", result.out());
    assertTrue(result.err().contains("error: [yoi/approval-required] feature project:weather"), result.err());
    assertTrue(result.err().contains("yoi mcp serve: not serving: enabled feature(s) did not install: project:weather."),
        result.err());
  }

  @Test
  void aMissingManifestIsAUsageError() {
    Cli.Result result = Cli.run("mcp", "serve", "--manifest", dir.resolve("nope.json").toString());

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertEquals("yoi mcp serve: --manifest " + dir.resolve("nope.json") + ": no such file\n", result.err());
  }

  @Test
  void aHistoryAnotherPodHasOpenIsAUsageError() {
    Pod other = Pod.builder().history(history).build();
    try {
      Cli.Result result = Cli.run("mcp", "serve", "--history", history.toString());

      assertEquals(ExitCodes.USAGE, result.exitCode(), result.all());
      assertTrue(result.err().startsWith("yoi mcp serve: --history " + history + ": history file"), result.err());
      assertTrue(result.err().contains("is open in another Pod"), result.err());
    } finally {
      other.close();
    }
  }

  @Test
  void mcpAloneNamesItsSubcommands() {
    Cli.Result result = Cli.run("mcp");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().startsWith("yoi mcp: name a subcommand, e.g. yoi mcp serve\n"), result.err());
    assertTrue(result.err().contains("serve  Serve a Pod's tools to an MCP client over stdio."), result.err());
  }

  /** {@code yoi mcp serve} in a fresh JVM on this test's class path, with the example plugins. */
  private List<String> serveCommand() {
    return List.of(java(), "-cp", System.getProperty("java.class.path"), YoiCommand.class.getName(), "mcp", "serve",
        "--manifest", manifest.toString(), "--project", BuiltJars.WEATHER.toString(),
        "--user", BuiltJars.JOURNAL.toString(), "--history", history.toString(),
        "--user-lock", dir.resolve("features.lock.json").toString());
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The history the server left, read by a Pod opened on it after the server exited. */
  private List<HistoryEntry> recordedHistory() {
    try (Pod reopened = Pod.builder().history(history).build()) {
      return reopened.history();
    }
  }

  private static JsonNode tool(JsonNode seen, String name) {
    for (JsonNode tool : seen.get("tools")) {
      if (tool.get("name").asText().equals(name)) {
        return tool;
      }
    }
    throw new AssertionError("no tool " + name + " in " + seen.get("tools"));
  }
}
