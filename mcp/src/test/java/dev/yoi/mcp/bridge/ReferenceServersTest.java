package dev.yoi.mcp.bridge;

import static dev.yoi.mcp.bridge.Fixtures.authority;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.EnvVariable;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexEntry;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.McpServer;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.descriptor.VersionChecks;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.pod.tool.ToolResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference servers from the npm registry, at the versions mcp/src/test/node pins:
 * server-everything and server-filesystem, bridged as a person would after {@code yoi mcp pin}.
 */
class ReferenceServersTest {
  @TempDir Path dir;
  final List<Diagnostic> published = new CopyOnWriteArrayList<>();

  @BeforeEach
  void node() {
    Fixtures.assumeNode();
  }

  static McpPin.Result pin(String slug, McpServer server, List<dev.yoi.descriptor.AuthorityRequest> authorities,
      SecretValues secrets) throws Exception {
    return McpPin.pin(new McpPin.Request(slug, null, null, null, server, authorities), secrets, Fixtures.settings(),
        line -> {});
  }

  McpBridge bridge(FeatureDescriptor pinned, dev.yoi.feature.Grants grants, SecretValues secrets,
      BridgeSettings settings) {
    return new McpBridge(new PinnedFeature("project:" + pinned.slug(), pinned, Optional.empty()), grants, secrets,
        settings, published::add);
  }

  @Test
  void everythingsToolsArePinnedWithTheirDescriptionsAndSchemas() throws Exception {
    McpPin.Result pinned = pin("everything", Fixtures.everything(List.of()), List.of(), Fixtures.noSecrets());

    FeatureDescriptor d = pinned.descriptor();
    List<String> names = d.tools().stream().map(ToolDescriptor::name).toList();
    assertTrue(names.containsAll(List.of("echo", "get-sum", "get-env")), names.toString());
    assertEquals(new ArrayList<>(new TreeSet<>(names)), names, "sorted by name");
    ToolDescriptor echo = d.tools().stream().filter(t -> t.name().equals("echo")).findFirst().orElseThrow();
    assertEquals("Echoes back the input string", echo.description());
    assertEquals("string", echo.inputSchema().path("properties").path("message").path("type").asText());
    assertEquals("mcp-servers/everything", pinned.serverInfo().name());
    assertEquals("2.0.0", d.version(), "the server's own SemVer version");
    List<IndexEntry> read = IndexFile.readFeatureFile("file:/p/everything.features.jsonl",
        IndexFile.write(List.of(pinned.line())).getBytes(StandardCharsets.UTF_8), new VersionChecks());
    assertEquals(List.of(new IndexEntry.Valid("file:/p/everything.features.jsonl", 1, pinned.line())), read);
  }

  @Test
  void echoAndGetSumAnswerThroughTheBridge() throws Exception {
    FeatureDescriptor pinned = pin("everything", Fixtures.everything(List.of()), List.of(), Fixtures.noSecrets())
        .descriptor();
    try (McpBridge bridge = bridge(pinned, Fixtures.granting(), Fixtures.noSecrets(), Fixtures.settings())) {
      ToolCheck check = bridge.connect();

      assertEquals(List.of(), check.diagnostics());
      assertEquals(ToolResult.text("Echo: hello from yoi"),
          bridge.call("echo", CanonicalJson.parse("{\"message\":\"hello from yoi\"}")));
      ToolResult sum = bridge.call("get-sum", CanonicalJson.parse("{\"a\":2,\"b\":40}"));
      assertFalse(sum.isError(), sum.text());
      assertTrue(sum.text().contains("42"), sum.text());
      ToolResult invalid = bridge.call("get-sum", CanonicalJson.parse("{\"a\":\"two\"}"));
      assertTrue(invalid.isError(), "the server's own error result: " + invalid.text());
    }
  }

  @Test
  void theServersEnvironmentHoldsOnlyWhatWasGranted() throws Exception {
    List<EnvVariable> environment = List.of(EnvVariable.literal("EVERYTHING_MODE", "demo"),
        EnvVariable.fromSecret("GRANTED_TOKEN", "granted-token"),
        EnvVariable.fromSecret("DENIED_TOKEN", "denied-token"));
    List<dev.yoi.descriptor.AuthorityRequest> authorities = List.of(
        authority(AuthorityKind.SECRET_REF, "granted-token", false),
        authority(AuthorityKind.SECRET_REF, "denied-token", true));
    Map<String, String> secrets = Map.of("granted-token", "s3cret-granted", "denied-token", "s3cret-denied");
    SecretValues values = id -> Optional.ofNullable(secrets.get(id));
    FeatureDescriptor pinned = pin("everything", Fixtures.everything(environment), authorities, values).descriptor();
    Map<String, String> host = Map.of("PATH", System.getenv("PATH"), "HOME", dir.toString(), "LANG", "C.UTF-8",
        "LC_ALL", "C.UTF-8", "AWS_SECRET_ACCESS_KEY", "host-secret", "USER", "someone", "SHELL", "/bin/sh");
    try (McpBridge bridge = bridge(pinned, Fixtures.granting("SECRET_REF:granted-token"), values,
        Fixtures.settings().withHostEnvironment(host))) {
      bridge.connect();

      ToolResult result = bridge.call("get-env", CanonicalJson.parse("{}"));

      assertFalse(result.isError(), result.text());
      JsonNode env = CanonicalJson.parse(result.text());
      List<String> names = new ArrayList<>();
      env.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      assertEquals(List.of("EVERYTHING_MODE", "GRANTED_TOKEN", "HOME", "LANG", "LC_ALL", "PATH"), names);
      assertEquals("s3cret-granted", env.get("GRANTED_TOKEN").asText());
      assertEquals("demo", env.get("EVERYTHING_MODE").asText());
      assertEquals(dir.toString(), env.get("HOME").asText());
      assertFalse(result.text().contains("s3cret-denied"));
      assertEquals(List.of("DENIED_TOKEN is unset: SECRET_REF:denied-token was not granted"), bridge.launchNotes());
    }
  }

  @Test
  void filesystemServesTheGrantedDirectoryAndRefusesOutsideIt() throws Exception {
    Path allowed = Files.createDirectories(dir.resolve("allowed")).toRealPath();
    Path outside = Files.createDirectories(dir.resolve("outside")).toRealPath();
    Files.writeString(allowed.resolve("notes.txt"), "inside the grant");
    Files.writeString(outside.resolve("secret.txt"), "outside the grant");
    List<dev.yoi.descriptor.AuthorityRequest> authorities =
        List.of(authority(AuthorityKind.FILESYSTEM, allowed.toString(), false));
    FeatureDescriptor pinned = pin("files", Fixtures.filesystem(), authorities, Fixtures.noSecrets()).descriptor();
    CountDownLatch rooted = new CountDownLatch(1);
    try (McpBridge bridge = new McpBridge(new PinnedFeature("project:files", pinned, Optional.empty()),
        Fixtures.granting("FILESYSTEM:" + allowed), Fixtures.noSecrets(), Fixtures.settings(), d -> {
          published.add(d);
          if (d.message().contains("Updated allowed directories from MCP roots")) {
            rooted.countDown(); // the server took the roots the bridge announced
          }
        })) {
      assertEquals(List.of(), bridge.connect().diagnostics());
      assertTrue(rooted.await(30, TimeUnit.SECONDS), "the server never took the roots: " + published);

      ToolResult inside = bridge.call("read_text_file", path(allowed.resolve("notes.txt")));
      ToolResult refused = bridge.call("read_text_file", path(outside.resolve("secret.txt")));
      ToolResult listed = bridge.call("list_allowed_directories", CanonicalJson.parse("{}"));

      assertEquals(ToolResult.text("inside the grant"), inside);
      assertTrue(refused.isError(), refused.text());
      assertTrue(refused.text().contains("Access denied"), refused.text());
      assertFalse(refused.text().contains("outside the grant"));
      assertEquals("Allowed directories:\n" + allowed, listed.text());
    }
  }

  @Test
  void aStreamableHttpServerOnLoopbackIsBridgedByItsUrl() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    McpServer.Stdio stdio = Fixtures.everything(List.of());
    ProcessBuilder builder = new ProcessBuilder("node", stdio.args().get(0), "streamableHttp");
    builder.environment().put("PORT", Integer.toString(port));
    Process http = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      java.io.BufferedReader stderr = new java.io.BufferedReader(
          new java.io.InputStreamReader(http.getErrorStream(), StandardCharsets.UTF_8));
      for (String line = stderr.readLine(); !line.contains("listening on port"); line = stderr.readLine()) {
        // the server says when it listens; a line that never comes ends with the process (null)
      }
      McpServer.StreamableHttp server = new McpServer.StreamableHttp("http://127.0.0.1:" + port + "/mcp");
      FeatureDescriptor pinned = pin("everything-http", server, List.of(), Fixtures.noSecrets()).descriptor();
      try (McpBridge bridge = bridge(pinned, Fixtures.granting(), Fixtures.noSecrets(), Fixtures.settings())) {
        assertEquals(List.of(), bridge.connect().diagnostics());

        assertEquals(ToolResult.text("Echo: over http"), bridge.call("echo", CanonicalJson.parse("{\"message\":\"over http\"}")));
        assertEquals(Optional.empty(), bridge.process(), "a remote server has no process of the host's");
      }
    } finally {
      http.destroy();
      http.onExit().get(30, TimeUnit.SECONDS);
    }
  }

  static JsonNode path(Path path) {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("path", path.toString());
  }

  @Test
  void aToolThePinDoesNotDeclareIsNeverServed() throws Exception {
    FeatureDescriptor all = pin("everything", Fixtures.everything(List.of()), List.of(), Fixtures.noSecrets())
        .descriptor();
    FeatureDescriptor onlyEcho = new FeatureDescriptor(all.slug(), all.name(), all.version(), all.description(),
        all.runtime(), all.featureClass(), all.tools().stream().filter(t -> t.name().equals("echo")).toList(),
        List.of(), List.of(), List.of(), List.of(), List.of(), all.server());
    try (McpBridge bridge = bridge(onlyEcho, Fixtures.granting(), Fixtures.noSecrets(), Fixtures.settings())) {
      ToolCheck check = bridge.connect();

      assertTrue(check.undeclared().contains("get-env"), check.undeclared().toString());
      assertEquals(List.of("echo"), check.active());
      assertEquals(check.undeclared().size(), check.diagnostics().stream()
          .filter(d -> d.code().equals("yoi/undeclared-contribution")).count());
      assertTrue(bridge.call("get-env", CanonicalJson.parse("{}")).isError());
    }
  }
}
