package dev.yoi.feature.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.testing.Descriptors;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptorDiffTest {
  private static final String CITY = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
      + "\"required\":[\"city\"],\"additionalProperties\":false}";
  private static final String CITY_AND_DAYS = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
      + "\"days\":{\"type\":\"integer\"}},\"required\":[\"city\"],\"additionalProperties\":false}";

  private static dev.yoi.descriptor.FeatureDescriptor bridge(dev.yoi.descriptor.McpServer server) {
    dev.yoi.descriptor.FeatureDescriptor d = Descriptors.feature("b").runtime(dev.yoi.descriptor.RuntimeKind.MCP_BRIDGE).build();
    return new dev.yoi.descriptor.FeatureDescriptor(d.slug(), d.name(), d.version(), d.description(), d.runtime(),
        "", d.tools(), d.hooks(), d.backgroundTasks(), d.providedServices(), d.requiredServices(),
        d.authorities(), server);
  }

  @Test
  void aChangedServerCommandLineOrEnvironmentIsShownDownToTheJsonPointer() {
    DescriptorDiff diff = DescriptorDiff.between(
        bridge(new dev.yoi.descriptor.McpServer.Stdio("node", List.of("a.js"), "", List.of())),
        bridge(new dev.yoi.descriptor.McpServer.Stdio("node", List.of("a.js", "--unsafe"), "",
            List.of(dev.yoi.descriptor.EnvVariable.fromSecret("KEY", "k")))));

    assertEquals(List.of(
            "~ server /args [\"a.js\"] -> [\"a.js\",\"--unsafe\"]",
            "~ server /environment [] -> [{\"name\":\"KEY\",\"secret\":\"k\"}]"),
        diff.lines());
  }

  @Test
  void aServerReplacedByAnotherTransportIsShownWhole() {
    DescriptorDiff diff = DescriptorDiff.between(
        bridge(new dev.yoi.descriptor.McpServer.StreamableHttp("http://127.0.0.1:1/mcp")),
        bridge(new dev.yoi.descriptor.McpServer.Stdio("node", List.of(), "", List.of())));

    assertEquals(List.of(
            "~ server /args added: []",
            "~ server /command added: \"node\"",
            "~ server /environment added: []",
            "~ server /transport \"streamable_http\" -> \"stdio\"",
            "~ server /url removed: \"http://127.0.0.1:1/mcp\"",
            "~ server /workingDirectory added: \"\""),
        diff.lines());
  }

  @Test
  void identicalDescriptorsHaveNoDifference() {
    assertTrue(DescriptorDiff.between(Descriptors.feature("w").tool("A").build(),
        Descriptors.feature("w").tool("A").build()).isEmpty());
  }

  @Test
  void toolsAddedAndRemovedAreListedByName() {
    DescriptorDiff diff = DescriptorDiff.between(
        Descriptors.feature("w").tool("Keep").tool("Gone").build(),
        Descriptors.feature("w").tool("Keep").tool("Delete").build());

    List<String> lines = diff.lines();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("- tool \"Gone\" "), lines.get(0));
    assertTrue(lines.get(1).startsWith("+ tool \"Delete\" {"), lines.get(1));
  }

  @Test
  void aWidenedInputSchemaIsShownDownToTheJsonPointer() {
    DescriptorDiff diff = DescriptorDiff.between(
        Descriptors.feature("w").tool("Forecast", CITY).build(),
        Descriptors.feature("w").tool("Forecast", CITY_AND_DAYS).build());

    assertEquals(List.of("~ tool \"Forecast\" /inputSchema/properties/days added: {\"type\":\"integer\"}"),
        diff.lines());
  }

  @Test
  void aPathGlobWidenedToTheWholeFilesystemIsMarkedAsAWidening() {
    DescriptorDiff diff = DescriptorDiff.between(
        Descriptors.feature("w").authority(AuthorityKind.FILESYSTEM, "/srv/repos/**", false).build(),
        Descriptors.feature("w").authority(AuthorityKind.FILESYSTEM, "/**", false).build());

    assertEquals(List.of(
            "- authority FILESYSTEM:/srv/repos/**",
            "! authority FILESYSTEM:/** (required, reason \"because FILESYSTEM\") widens FILESYSTEM:/srv/repos/**"),
        diff.lines());
    assertEquals(DescriptorChange.Type.WIDENED, diff.changes().get(1).type());
  }

  @Test
  void aHostBecomingAWildcardIsMarkedAsAWideningAndANarrowedScopeIsNot() {
    DescriptorDiff wider = DescriptorDiff.between(
        Descriptors.feature("w").authority(AuthorityKind.NETWORK, "api.example.org", false).build(),
        Descriptors.feature("w").authority(AuthorityKind.NETWORK, "*.example.org", false).build());
    DescriptorDiff narrower = DescriptorDiff.between(
        Descriptors.feature("w").authority(AuthorityKind.FILESYSTEM, "/srv/**", false).build(),
        Descriptors.feature("w").authority(AuthorityKind.FILESYSTEM, "/srv/repos/**", false).build());

    assertTrue(wider.lines().contains("! authority NETWORK:*.example.org (required, reason \"because NETWORK\")"
        + " widens NETWORK:api.example.org"), wider.lines().toString());
    assertEquals(List.of(
            "- authority FILESYSTEM:/srv/**",
            "+ authority FILESYSTEM:/srv/repos/** (required, reason \"because FILESYSTEM\")"),
        narrower.lines());
  }

  @Test
  void aNewAuthorityIsAddedAndAWholeKindReplacingAScopeIsWidened() {
    DescriptorDiff diff = DescriptorDiff.between(
        Descriptors.feature("w").authority(AuthorityKind.NETWORK, "api.a", false).build(),
        Descriptors.feature("w").authority(AuthorityKind.NETWORK, "", false)
            .authority(AuthorityKind.SECRET_REF, "token", false).build());

    assertEquals(List.of(
            "- authority NETWORK:api.a",
            "! authority NETWORK (required, reason \"because NETWORK\") widens NETWORK:api.a to all of NETWORK",
            "+ authority SECRET_REF:token (required, reason \"because SECRET_REF\")"),
        diff.lines());
    assertEquals(DescriptorChange.Type.WIDENED, diff.changes().get(1).type());
  }

  @Test
  void anOptionalAuthorityThatBecameRequiredIsWidened() {
    DescriptorDiff diff = DescriptorDiff.between(
        Descriptors.feature("w").authority(AuthorityKind.FILESYSTEM, "", true).build(),
        Descriptors.feature("w").authority(AuthorityKind.FILESYSTEM, "", false).build());

    assertEquals(List.of("! authority FILESYSTEM is now required (was optional)"), diff.lines());
  }

  @Test
  void servicesAndScalarsAreCompared() {
    DescriptorDiff diff = DescriptorDiff.between(
        Descriptors.feature("w").provides("store", "1.0.0").requires("builtin:clock", "^1").build(),
        Descriptors.feature("w").version("1.1.0").provides("store", "2.0.0").requires("builtin:clock", "^2").build());

    assertEquals(List.of(
            "~ version \"1.0.0\" -> \"1.1.0\"",
            "~ provided service \"store\" /version \"1.0.0\" -> \"2.0.0\"",
            "~ required service \"builtin:clock\" /version \"^1\" -> \"^2\""),
        diff.lines());
  }
}
