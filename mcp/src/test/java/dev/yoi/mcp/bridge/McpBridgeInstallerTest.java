package dev.yoi.mcp.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.IndexFile;
import dev.yoi.feature.ContributionReport;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.Pod;
import dev.yoi.pod.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host that registers the installer runs a pinned MCP server as a feature of its Pod. */
class McpBridgeInstallerTest {
  private static final String ID = "project:everything";

  @TempDir Path dir;

  @Test
  void aPinnedServerEverythingFeatureFileInstallsAnswersThroughThePodAndStopsWithIt() throws Exception {
    Fixtures.assumeNode();
    McpPin.Result pinned = ReferenceServersTest.pin("everything", Fixtures.everything(List.of()), List.of(),
        Fixtures.noSecrets());
    Path file = dir.resolve("plugins").resolve("project").resolve("everything.features.jsonl");
    Files.createDirectories(file.getParent());
    Files.writeString(file, IndexFile.write(List.of(pinned.line())));
    Path manifest = Files.writeString(dir.resolve("pod.json"), "{\"features\": {\"enable\": [\"" + ID + "\"]}}");

    List<ProcessHandle> servers;
    try (Pod pod = Pod.builder().featureFile(file, FeatureSource.PROJECT).manifest(manifest)
        .authorityPolicy(AuthorityPolicy.grantRequested())
        .runtime(new McpBridgeInstaller(Fixtures.settings())).build()) {
      InstallReport report = pod.start();
      FeatureReport everything = report.feature(ID).orElseThrow(() -> new AssertionError(report.toString()));

      assertTrue(everything.installed(), everything.toString());
      assertEquals("mcp_bridge", everything.runtime());
      for (String tool : List.of("echo", "get-sum")) {
        assertEquals(ContributionReport.Status.INSTALLED,
            everything.contribution(ContributionReport.Kind.TOOL, tool).orElseThrow().status(), tool);
      }

      ToolResult answer = pod.callTool("echo", "{\"message\": \"hello from a Pod\"}");
      assertEquals("Echo: hello from a Pod", answer.text());
      assertTrue(pod.history().stream().anyMatch(e -> e instanceof HistoryEntry.ToolResult r
          && r.toolName().equals("echo") && r.text().equals("Echo: hello from a Pod") && !r.error()),
          pod.history().toString());

      servers = ProcessHandle.current().descendants()
          .filter(p -> p.info().commandLine().orElse("").contains("server-everything")).toList();
      assertFalse(servers.isEmpty(), "no server-everything process under this JVM");
    }

    // Pod.close() has stopped the tree; the JVM reaps its child a moment later, so wait on the
    // exit itself (a latch), never a fixed sleep.
    for (ProcessHandle server : servers) {
      try {
        server.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("server process " + server.pid() + " outlived the Pod", e);
      }
      assertFalse(server.isAlive(), "server process " + server.pid() + " outlived the Pod");
    }
  }
}
