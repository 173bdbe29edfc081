package dev.yoi.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.pod.Pod;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.Alert;
import dev.yoi.pod.SecretResolver;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pod served in-process over a stdio connection (two pipes) to the MCP Java SDK's own client:
 * the builtins, {@code project:weather} and {@code user:journal} from their jars, a manifest that
 * denies {@code MemoryDelete}, a durable history.
 */
class PodMcpServerTest {
  static final Path PLUGINS = Path.of("target", "plugins").toAbsolutePath();
  static final Duration WAIT = Duration.ofSeconds(30);
  static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {};

  @TempDir Path dir;
  private final McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
  private final List<Alert> alerts = new CopyOnWriteArrayList<>();
  private final CountDownLatch alerted = new CountDownLatch(1);
  private final List<LoggingMessageNotification> logged = new CopyOnWriteArrayList<>();
  private final CountDownLatch loggedOnce = new CountDownLatch(1);
  private URLClassLoader weather;
  private URLClassLoader journal;
  private Pod pod;
  private PodMcpServer server;
  private PipedClientTransport transport;
  private McpSyncClient client;

  @BeforeEach
  void serve() throws IOException {
    ClassLoader host = PodMcpServerTest.class.getClassLoader();
    weather = new URLClassLoader(new URL[] {jar("project/yoi-example-weather.jar")}, host);
    journal = new URLClassLoader(new URL[] {jar("user/yoi-example-journal.jar")}, host);
    Path manifest = Files.writeString(dir.resolve("pod.json"), """
        {"features": {"enable": ["project:weather", "user:journal"]},
         "tools": {"deny": ["MemoryDelete"]}}
        """);
    ClientNotifications notifications = new ClientNotifications();
    pod = Pod.builder()
        .features(host, FeatureSource.BUILTIN)
        .features(weather, FeatureSource.PROJECT)
        .features(journal, FeatureSource.USER)
        .manifest(manifest)
        .authorityPolicy(AuthorityPolicy.grantRequested())
        .secrets(SecretResolver.fromMap(Map.of()))
        .history(dir.resolve("history"))
        .alerts(alert -> {
          alerts.add(alert);
          alerted.countDown();
        })
        .modelNotifications(notifications)
        .build();
    assertFalse(pod.start().hasErrors());

    Pipe toServer = Pipe.open();
    Pipe toClient = Pipe.open();
    server = PodMcpServer.stdio(pod, Channels.newInputStream(toServer.source()),
        Channels.newOutputStream(toClient.sink()), notifications);
    transport = new PipedClientTransport(mapper, Channels.newInputStream(toClient.source()),
        Channels.newOutputStream(toServer.sink()));
    client = McpClient.sync(transport)
        .requestTimeout(WAIT)
        .loggingConsumer(notification -> {
          logged.add(notification);
          loggedOnce.countDown();
        })
        .build();
  }

  @AfterEach
  void close() throws IOException {
    client.closeGracefully();
    server.close();
    pod.close();
    weather.close();
    journal.close();
  }

  @Test
  void toolsListIsThePodsOfferedToolsWithTheirBuildTimeSchemas() {
    List<McpSchema.Tool> tools = client().listTools().tools();

    List<Pod.OfferedTool> offered = pod.offeredTools();
    assertEquals(offered.stream().map(Pod.OfferedTool::name).toList(), tools.stream().map(McpSchema.Tool::name).toList());
    assertTrue(tools.stream().anyMatch(t -> t.name().equals("TaskCreate")));
    assertTrue(tools.stream().anyMatch(t -> t.name().equals("WeatherForecast")));
    for (int i = 0; i < tools.size(); i++) {
      McpSchema.Tool tool = tools.get(i);
      assertEquals(offered.get(i).description(), tool.description());
      assertEquals(mapper.convertValue(parse(offered.get(i).inputSchemaJson()), MAP), tool.inputSchema(), tool.name());
      assertEquals(offered.get(i).featureId(), tool.meta().get(ServedTools.FEATURE_META));
    }
  }

  @Test
  void theServerAdvertisesToolsWithoutListChangedAndLogging() {
    McpSchema.ServerCapabilities capabilities = client().getServerCapabilities();

    assertNotNull(capabilities.tools());
    assertFalse(Boolean.TRUE.equals(capabilities.tools().listChanged()));
    assertNotNull(capabilities.logging());
    assertEquals(PodMcpServer.NAME, client().getServerInfo().name());
  }

  @Test
  void aBuiltinCallGoesThroughThePodAndIsRecordedInItsHistory() {
    Map<String, Object> input = Map.of("subject", "Pack for Lisbon");

    CallToolResult result = client().callTool(CallToolRequest.builder("TaskCreate").arguments(input).build());

    assertEquals(List.of(McpSchema.TextContent.builder("Created #1 [PENDING] Pack for Lisbon").build()), result.content());
    assertFalse(result.isError());
    List<HistoryEntry> history = pod.history();
    HistoryEntry.ToolCall call = (HistoryEntry.ToolCall) history.get(0);
    assertEquals("TaskCreate", call.toolName());
    assertEquals(input, mapper.convertValue(parse(call.inputJson()), MAP));
    assertEquals(new HistoryEntry.ToolResult(call.callId(), "TaskCreate", "Created #1 [PENDING] Pack for Lisbon", false),
        history.get(1));
  }

  @Test
  void aPluginToolAnswersAndThePluginsToolResultHookSeesTheCall() {
    CallToolResult forecast = client().callTool(CallToolRequest.builder("WeatherForecast").arguments(Map.of("city", "Lisbon", "days", 2)).build());
    CallToolResult journalEntries = client().callTool(CallToolRequest.builder("JournalRead").arguments(Map.of()).build());

    assertFalse(forecast.isError());
    assertTrue(text(forecast).startsWith("Weather for Lisbon"), text(forecast));
    assertTrue(text(journalEntries).contains("tool WeatherForecast returned: Weather for Lisbon"), text(journalEntries));
  }

  @Test
  void aManifestDeniedToolIsListedAndItsCallIsAToolErrorNamingTheRule() {
    assertTrue(client().listTools().tools().stream().anyMatch(t -> t.name().equals("MemoryDelete")));

    CallToolResult result = client().callTool(CallToolRequest.builder("MemoryDelete").arguments(Map.of("key", "trip")).build());

    assertTrue(result.isError());
    assertTrue(text(result).contains("is denied by the Pod manifest (tools.deny \"MemoryDelete\")"), text(result));
    assertEquals(new HistoryEntry.ToolResult("call-1", "MemoryDelete", text(result), true), pod.history().get(1));
  }

  @Test
  void anInputTheSchemaRefusesIsAToolErrorWithThePodsMessage() {
    CallToolResult result = client().callTool(CallToolRequest.builder("WeatherForecast").arguments(Map.of("town", "Lisbon")).build());

    assertTrue(result.isError());
    assertTrue(text(result).contains("city"), text(result));
    assertEquals(text(result), ((HistoryEntry.ToolResult) pod.history().get(1)).text());
  }

  @Test
  void aModelNotificationReachesTheClientAsLoggingAndItsAlertDoesNot() throws Exception {
    leaveATaskInProgressForAWholeTurn();

    assertTrue(loggedOnce.await(WAIT.toSeconds(), TimeUnit.SECONDS), "no logging notification");
    assertTrue(alerted.await(WAIT.toSeconds(), TimeUnit.SECONDS), "no alert");
    client().ping(); // every notification sent before its answer has arrived

    HistoryEntry.SystemItem reminder = pod.history().stream()
        .filter(HistoryEntry.SystemItem.class::isInstance).map(HistoryEntry.SystemItem.class::cast)
        .findFirst().orElseThrow();
    assertEquals(List.of(new LoggingMessageNotification(McpSchema.LoggingLevel.INFO, "builtin:task-reminders",
        reminder.text())), logged);
    List<McpSchema.JSONRPCNotification> sent = transport.notifications();
    assertEquals(1, sent.size(), sent.toString());
    assertFalse(sent.toString().contains(alerts.get(0).message()), sent.toString());
  }

  @Test
  @SuppressWarnings("deprecation") // setLoggingLevel, deprecated with the logging capability in SDK 2.2.0
  void aClientThatAsksForWarningsOnlyGetsNoInfoNotifications() throws Exception {
    client().setLoggingLevel(McpSchema.LoggingLevel.WARNING);
    leaveATaskInProgressForAWholeTurn();

    assertTrue(alerted.await(WAIT.toSeconds(), TimeUnit.SECONDS), "no alert");
    client().ping();

    assertTrue(pod.history().stream().anyMatch(HistoryEntry.SystemItem.class::isInstance));
    assertEquals(List.of(), transport.notifications());
  }

  @Test
  void aNotificationBeforeTheClientInitializedStaysInTheHistoryOnly() throws Exception {
    pod.callTool("TaskCreate", "{\"subject\":\"Pack for Lisbon\"}");
    pod.callTool("TaskUpdate", "{\"id\":\"1\",\"status\":\"IN_PROGRESS\"}");
    pod.runTurn("Anything left to do?");
    pod.runTurn("And now?");
    assertTrue(alerted.await(WAIT.toSeconds(), TimeUnit.SECONDS), "no alert");

    client().ping();

    assertTrue(pod.history().stream().anyMatch(HistoryEntry.SystemItem.class::isInstance));
    assertEquals(List.of(), transport.notifications());
  }

  @Test
  void aCallAfterThePodClosedIsAToolErrorNotAProtocolError() {
    pod.close();

    CallToolResult result = client().callTool(CallToolRequest.builder("TaskList").arguments(Map.of()).build());

    assertTrue(result.isError());
    assertTrue(text(result).startsWith("tool \"TaskList\" was not called: callTool needs a started Pod"), text(result));
  }

  @Test
  void theServerSeesTheClientDisconnect() {
    client().closeGracefully();

    assertTimeoutPreemptively(WAIT, server::awaitDisconnect);
  }

  /** The client, initialized on first use: a test may act on the Pod before the client connects. */
  private McpSyncClient client() {
    if (!client.isInitialized()) {
      client.initialize();
    }
    return client;
  }

  /**
   * task-reminders reminds the model of a task left in progress for a whole turn. MCP calls are no
   * turns: the calls count as the next turn's, and the test runs that turn and one more.
   */
  private void leaveATaskInProgressForAWholeTurn() {
    client().callTool(CallToolRequest.builder("TaskCreate").arguments(Map.of("subject", "Pack for Lisbon")).build());
    client().callTool(CallToolRequest.builder("TaskUpdate").arguments(Map.of("id", "1", "status", "IN_PROGRESS")).build());
    pod.runTurn("Anything left to do?");
    pod.runTurn("And now?");
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  private Object parse(String json) {
    try {
      return mapper.readValue(json, Object.class);
    } catch (IOException e) {
      throw new AssertionError(json, e);
    }
  }

  private static URL jar(String name) throws IOException {
    Path jar = PLUGINS.resolve(name);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: the mcp module's build copies it there"
          + " (maven-dependency-plugin, process-test-classes); run the tests through Maven");
    }
    return jar.toUri().toURL();
  }
}
