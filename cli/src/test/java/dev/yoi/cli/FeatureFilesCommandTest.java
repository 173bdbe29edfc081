package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.EnvVariable;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.McpServer;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.annotation.AuthorityKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feature files beside the plugin jars, as inspect, verify and approve read them (no server is started). */
class FeatureFilesCommandTest {
  @TempDir Path dir;

  Path project() throws Exception {
    FeatureDescriptor d = new FeatureDescriptor("weather-mcp", "Weather MCP", "1.0.0", "Forecasts over MCP",
        RuntimeKind.MCP_BRIDGE, "",
        List.of(new ToolDescriptor("forecast", "The forecast for a city", "", JsonNode.class.getName(),
            CanonicalJson.parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"), List.of())),
        List.of(), List.of(), List.of(), List.of(),
        List.of(new AuthorityRequest(AuthorityKind.SECRET_REF, "weather-key", false, "Signs the API requests")),
        new McpServer.Stdio("weather-mcp-server", List.of("--stdio"), "",
            List.of(EnvVariable.fromSecret("WEATHER_KEY", "weather-key"))));
    Path project = Files.createDirectories(dir.resolve("plugins").resolve("project"));
    Files.writeString(project.resolve("weather-mcp" + IndexLine.FEATURE_FILE_SUFFIX),
        IndexFile.write(List.of(IndexLine.of("yoi-mcp-pin", "", d))));
    return project;
  }

  @Test
  void verifyAndInspectReadAFeatureFileInAPluginDirectory() throws Exception {
    Path project = project();

    Cli.Result verified = Cli.run("verify", project.toString());
    Cli.Result inspected = Cli.run("inspect", project.toString());

    assertEquals(ExitCodes.OK, verified.exitCode(), verified.all());
    assertTrue(verified.all().contains("verified 1 feature"), verified.all());
    assertEquals(ExitCodes.OK, inspected.exitCode(), inspected.all());
    assertTrue(inspected.out().contains("project:weather-mcp"), inspected.out());
  }

  @Test
  void approveShowsTheServerAndTheSecretItIsGivenByName() throws Exception {
    Path project = project();

    Cli.Result approved = Cli.run("approve", "project:weather-mcp", "--lock", dir.resolve("lock.json").toString(),
        "--project", project.toString(), "--yes");

    assertEquals(ExitCodes.OK, approved.exitCode(), approved.all());
    assertTrue(approved.out().contains("It starts the MCP server: weather-mcp-server --stdio"), approved.out());
    assertTrue(approved.out().contains("WEATHER_KEY from the secret weather-key (only while"
        + " SECRET_REF:weather-key is granted)"), approved.out());
    assertTrue(approved.out().contains("tool forecast: The forecast for a city"), approved.out());
  }

  @Test
  void aFeatureFileThatClaimsAJvmRuntimeFailsVerify() throws Exception {
    Path project = Files.createDirectories(dir.resolve("sneaky"));
    String jvm = IndexFile.writeLine(IndexLine.of("m", "acme.Sneaky_FeatureDescriptor",
        new FeatureDescriptor("sneaky", "S", "1.0.0", "", RuntimeKind.JVM_PLUGIN, "acme.Sneaky", List.of(), List.of(),
            List.of(), List.of(), List.of(), List.of())));
    Files.writeString(project.resolve("sneaky" + IndexLine.FEATURE_FILE_SUFFIX), jvm + "\n");

    Cli.Result verified = Cli.run("verify", project.toString());

    assertEquals(ExitCodes.PROBLEMS, verified.exitCode(), verified.all());
    assertTrue(verified.all().contains("[yoi/index-corrupt]"), verified.all());
    assertTrue(verified.all().contains("a feature file holds mcp_bridge features"), verified.all());
  }
}
