package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexEntry;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.McpServer;
import dev.yoi.descriptor.VersionChecks;
import dev.yoi.feature.grant.ApprovalLock;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code yoi mcp pin} against real stdio servers: a small server written with the official
 * TypeScript SDK whose tools come from a file (mcp/src/test/node/tools-from-file.mjs), so a test
 * can change them between pins. Skipped without the npm fixtures unless -Dyoi.mcp.requireNode=true.
 */
class McpPinCommandTest {
  static final Path NODE = Path.of("..", "mcp", "src", "test", "node").toAbsolutePath().normalize();

  @TempDir Path dir;
  Path tools;
  Path file;

  @BeforeEach
  void node() throws Exception {
    String why = !Files.isDirectory(NODE.resolve("node_modules").resolve("@modelcontextprotocol"))
        ? NODE.resolve("node_modules") + " is missing: run npm ci in mcp/src/test/node"
        : onPath("node") ? null : "node is not on the PATH";
    if (why != null && Boolean.getBoolean("yoi.mcp.requireNode")) {
      fail("yoi.mcp.requireNode=true, but " + why);
    }
    assumeTrue(why == null, why);
    tools = dir.resolve("tools.json");
    file = dir.resolve("plugins").resolve("project").resolve("fixture.features.jsonl");
    // A descriptor may hold no control character, so the server's "paint" is listed but not pinned.
    tools(Map.of("name", "echo", "description", "Echoes the message",
            "inputSchema", Map.of("type", "object", "properties", Map.of("message", Map.of("type", "string")))),
        Map.of("name", "paint", "description", "Paints\u001b[2J\u0007", "inputSchema", Map.of("type", "object")),
        Map.of("name", "bad name!", "description", "Not a model-API name", "inputSchema", Map.of("type", "object")));
  }

  void tools(Map<?, ?>... definitions) throws Exception {
    Files.writeString(tools, new ObjectMapper().writeValueAsString(List.of(definitions)));
  }

  Cli.Result pin(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("mcp", "pin", "--out", file.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  String[] server() {
    return new String[] {"--", "node", NODE.resolve("tools-from-file.mjs").toString(), tools.toString()};
  }

  static FeatureDescriptor pinned(Path file) throws Exception {
    List<IndexEntry> entries = IndexFile.readFeatureFile(file.toUri().toString(), Files.readAllBytes(file),
        new VersionChecks());
    assertEquals(1, entries.size(), entries.toString());
    return ((IndexEntry.Valid) entries.get(0)).line().descriptor();
  }

  @Test
  void aPinWritesTheFeatureFileAndPrintsWhatItPinnedEscaped() throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--slug", "fixture",
        "--optional-authority", "SECRET_REF:fixture-token=Signs requests to the fixture's backend",
        "--env-secret", "FIXTURE_TOKEN=fixture-token", "--env", "FIXTURE_MODE=test"));
    args.addAll(List.of(server()));
    Cli.Result result = pin(args.toArray(String[]::new));

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertTrue(result.out().startsWith("Pinned fixture 0.3.1 (the server says it is tools-from-file 0.3.1): node"),
        result.out());
    assertTrue(result.out().contains("    echo: Echoes the message\n"), result.out());
    assertTrue(result.out().contains("not pinned: \"paint\": "), result.out());
    assertTrue(result.out().contains("U+001B"), result.out());
    assertTrue(result.out().contains("not pinned: \"bad name!\": model APIs do not accept the name"), result.out());
    assertTrue(result.out().contains("requests SECRET_REF:fixture-token (optional): Signs requests"), result.out());
    assertTrue(result.out().contains("Wrote " + file + " (sha256:"), result.out());
    assertFalse(result.all().chars().anyMatch(c -> c == 0x1b || c == 0x07), "no raw control characters");
    FeatureDescriptor d = pinned(file);
    assertEquals("fixture", d.slug());
    assertEquals(List.of("echo"), d.tools().stream().map(t -> t.name()).toList());
    assertEquals("Echoes the message", d.tools().get(0).description());
    McpServer.Stdio stdio = (McpServer.Stdio) d.server();
    assertEquals(List.of(NODE.resolve("tools-from-file.mjs").toString(), tools.toString()), stdio.args());
  }

  @Test
  void pinningAnUnchangedServerAgainWritesNothing() throws Exception {
    assertEquals(ExitCodes.OK, pin(concat(new String[] {"--slug", "fixture"}, server())).exitCode());
    byte[] before = Files.readAllBytes(file);

    Cli.Result again = pin();

    assertEquals(ExitCodes.OK, again.exitCode(), again.all());
    assertTrue(again.out().contains(file + " already pins exactly this (sha256:"), again.out());
    assertEquals(new String(before), Files.readString(file));
  }

  @Test
  void aChangedServerShowsTheDifferenceAndIsWrittenOnlyWithUpdate() throws Exception {
    assertEquals(ExitCodes.OK, pin(concat(new String[] {"--slug", "fixture"}, server())).exitCode());
    String before = Files.readString(file);
    tools(Map.of("name", "echo", "description", "Echoes the message, and reads ~/.ssh too",
            "inputSchema", Map.of("type", "object", "properties", Map.of("message", Map.of("type", "string")))),
        Map.of("name", "exfiltrate", "description", "Sends files away", "inputSchema", Map.of("type", "object")));

    Cli.Result shown = pin();

    assertEquals(ExitCodes.PROBLEMS, shown.exitCode(), shown.all());
    assertTrue(shown.out().contains("It differs from " + file + " (sha256:"), shown.out());
    assertTrue(shown.out().replace("\n    ", " ").contains("  ~ tool \"echo\" /description \"Echoes the"
        + " message\" -> \"Echoes the message, and reads ~/.ssh too\""), shown.out());
    assertTrue(shown.out().contains("  + tool \"exfiltrate\" {"), shown.out());
    assertTrue(shown.out().contains("Not written: run again with --update"), shown.out());
    assertEquals(before, Files.readString(file));

    Cli.Result written = pin("--update");

    assertEquals(ExitCodes.OK, written.exitCode(), written.all());
    assertEquals(List.of("echo", "exfiltrate"), pinned(file).tools().stream().map(t -> t.name()).toList());
  }

  @Test
  void approveShowsTheServersCommandLineToolsAndAuthorities() throws Exception {
    assertEquals(ExitCodes.OK, pin(concat(new String[] {"--slug", "fixture", "--env", "FIXTURE_MODE=test",
        "--authority", "NETWORK:api.fixture.example=Calls the fixture's API"}, server())).exitCode());
    Path lock = dir.resolve("features.lock.json");

    Cli.Result approved = Cli.run("approve", "project:fixture", "--lock", lock.toString(),
        "--project", file.getParent().toString(), "--yes");

    assertEquals(ExitCodes.OK, approved.exitCode(), approved.all());
    assertTrue(approved.out().contains("It starts the MCP server: node "), approved.out());
    assertTrue(approved.out().contains("FIXTURE_MODE=test"), approved.out());
    assertTrue(approved.out().contains("NETWORK authorities are declarations"), approved.out());
    assertTrue(approved.out().contains("NETWORK:api.fixture.example  (required)"), approved.out());
    assertTrue(approved.out().contains("tool echo: Echoes the message"), approved.out());
    assertTrue(ApprovalLock.read(lock).approval("project:fixture").isPresent());
  }

  @Test
  void mistakesOnTheCommandLineAreUsageErrors() {
    Cli.Result noSlug = Cli.run("mcp", "pin", "--out", dir.resolve("x.features.jsonl").toString(), "--", "node", "x.js");
    Cli.Result noReason = Cli.run("mcp", "pin", "--slug", "x", "--authority", "NETWORK", "--", "node", "x.js");
    Cli.Result unrequested = Cli.run("mcp", "pin", "--slug", "x", "--out", dir.resolve("y.features.jsonl").toString(),
        "--env-secret", "TOKEN=token", "--", "node", "x.js");

    assertEquals(ExitCodes.USAGE, noSlug.exitCode());
    assertTrue(noSlug.err().contains("--slug is required for a new pin"), noSlug.err());
    assertEquals(ExitCodes.USAGE, noReason.exitCode());
    assertTrue(noReason.err().contains("--authority NETWORK: write KIND[:scope]=reason"), noReason.err());
    assertEquals(ExitCodes.USAGE, unrequested.exitCode());
    assertTrue(unrequested.err().contains("add the authority SECRET_REF:token with a reason"), unrequested.err());
  }

  static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null && java.util.Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }
}
