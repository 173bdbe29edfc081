package dev.yoi.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.feature.ContributionReport;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.RegistrationRejectedException;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.RestartPolicy;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.report.Diagnostics;
import dev.yoi.feature.runtime.FeatureRefusedException;
import dev.yoi.feature.runtime.RuntimeFeature;
import dev.yoi.feature.runtime.RuntimeInstaller;
import dev.yoi.feature.testing.Descriptors;
import dev.yoi.feature.testing.Indexes;
import dev.yoi.pod.task.TaskState;
import dev.yoi.pod.tool.Tool;
import dev.yoi.pod.tool.ToolResult;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seam per runtime kind, from outside the runtime module as the MCP bridge uses it: a host's
 * {@link RuntimeInstaller} installs an {@code mcp_bridge} feature (proxy tools by name, a
 * supervised task, a resource closed with the Pod) through the same checked transaction as JVM
 * features, and a kind nobody installs is still refused.
 */
class RuntimeInstallerTest {
  private static final String ID = "project:bridge";

  @TempDir Path dir;

  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  /** An mcp_bridge feature with the tool Echo (no class of its own) and a secret it may read. */
  private URLClassLoader bridgedFeature() {
    return Indexes.loader(Indexes.dir(dir, "bridge", Descriptors.feature("bridge")
        .runtime(RuntimeKind.MCP_BRIDGE)
        .tool("Echo", "{\"type\":\"object\"}")
        .authority(AuthorityKind.SECRET_REF, "token", false)
        .line()));
  }

  /** An installer of mcp_bridge features that runs {@code body}. */
  private static RuntimeInstaller bridge(Body body) {
    return new RuntimeInstaller() {
      @Override
      public Set<RuntimeKind> kinds() {
        return Set.of(RuntimeKind.MCP_BRIDGE);
      }

      @Override
      public void install(RuntimeFeature feature) throws Exception {
        body.install(feature);
      }
    };
  }

  @FunctionalInterface
  private interface Body {
    void install(RuntimeFeature feature) throws Exception;
  }

  private static final Tool<JsonNode> ECHO = (input, context) -> ToolResult.text("echo " + input.path("text").asText());

  private Pod.Builder pod(URLClassLoader loader, RuntimeInstaller... installers) throws IOException {
    Path manifest = Files.writeString(dir.resolve("pod.json"), "{\"features\": {\"enable\": [\"" + ID + "\"]}}");
    Pod.Builder builder = Pod.builder().features(loader, FeatureSource.PROJECT).manifest(manifest)
        .authorityPolicy(AuthorityPolicy.grantRequested())
        .secrets(SecretResolver.fromMap(Map.of("token", "s3cret")));
    for (RuntimeInstaller installer : installers) {
      builder.runtime(installer);
    }
    return builder;
  }

  @Test
  void aHostsInstallerInstallsItsKindWithProxyToolsASupervisedTaskAndAResourceClosedWithThePod()
      throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    RuntimeInstaller installer = bridge(feature -> {
      events.add("secret " + feature.context().secret("token").value().orElse("none"));
      feature.closeWith(() -> events.add("resource closed"));
      feature.tool("Echo", ECHO);
      feature.supervise("server", "the server process", RestartPolicy.ON_FAILURE, context -> {
        running.countDown();
        while (!context.awaitCancellation(Duration.ofSeconds(10))) {
          // keep the server running until the host stops it
        }
        events.add("task stopped");
      });
      feature.publish(Diagnostics.info(DiagnosticCode.FEATURE_NOTE, ID, "the server listed 1 tool"));
    });

    try (URLClassLoader loader = bridgedFeature(); Pod pod = pod(loader, installer).build()) {
      InstallReport report = pod.start();
      FeatureReport bridged = report.feature(ID).orElseThrow();

      assertTrue(bridged.installed(), bridged.toString());
      assertEquals("mcp_bridge", bridged.runtime());
      assertEquals(ContributionReport.Status.INSTALLED,
          bridged.contribution(ContributionReport.Kind.TOOL, "Echo").orElseThrow().status());
      assertEquals(List.of("[yoi/feature-note] the server listed 1 tool"),
          bridged.diagnostics("yoi/feature-note").stream().map(Diagnostic::message).toList());
      assertEquals("echo hi", pod.callTool("Echo", "{\"text\": \"hi\"}").text());
      assertTrue(running.await(10, TimeUnit.SECONDS));
      assertEquals(List.of("server"), pod.tasks().stream().map(t -> t.name()).toList());
      assertEquals(List.of("secret s3cret"), events);

      pod.close();

      assertEquals(List.of("secret s3cret", "task stopped", "resource closed"), events);
      assertEquals(TaskState.STOPPED, pod.tasks().get(0).state());
    }
  }

  @Test
  void aRegistrationTheDescriptorDoesNotDeclareFailsTheFeatureAndRollsEverythingBack() throws Exception {
    RuntimeInstaller installer = bridge(feature -> {
      feature.closeWith(() -> events.add("resource closed"));
      feature.tool("Echo", ECHO);
      feature.supervise("server", "the server process", RestartPolicy.ON_FAILURE, context -> {});
      try {
        feature.tool("Shell", ECHO); // the server lists a tool nobody approved
      } catch (RegistrationRejectedException e) {
        events.add("rejected " + e.code());
      }
    });

    try (URLClassLoader loader = bridgedFeature(); Pod pod = pod(loader, installer).build()) {
      FeatureReport bridged = pod.start().feature(ID).orElseThrow();

      assertFalse(bridged.installed());
      assertTrue(bridged.diagnostics("yoi/undeclared-contribution").get(0).message()
          .contains("registered a tool as \"Shell\", but declares no tool of that name"), bridged.toString());
      assertTrue(bridged.diagnostics("yoi/install-failed").get(0).message()
          .contains("rolled back: tool \"Echo\", task \"server\""), bridged.toString());
      assertEquals(List.of("rejected yoi/undeclared-contribution", "resource closed"), events);
      assertEquals(List.of(), pod.toolDefinitions());
      assertEquals(List.of(), pod.tasks());
    }
  }

  @Test
  void anInstallerThatRefusesReportsItsOneDiagnosticAndKeepsNothing() throws Exception {
    RuntimeInstaller installer = bridge(feature -> {
      feature.closeWith(() -> events.add("resource closed"));
      feature.tool("Echo", ECHO);
      throw new FeatureRefusedException(DiagnosticCode.INSTALL_FAILED,
          "feature " + ID + ": its MCP server exited before it answered initialize.");
    });

    try (URLClassLoader loader = bridgedFeature(); Pod pod = pod(loader, installer).build()) {
      FeatureReport bridged = pod.start().feature(ID).orElseThrow();

      assertFalse(bridged.installed());
      assertEquals(List.of("[yoi/install-failed] feature " + ID + ": its MCP server exited before it"
          + " answered initialize."), bridged.diagnostics().stream().map(Diagnostic::message).toList());
      assertEquals(List.of("resource closed"), events);
      assertEquals(List.of(), pod.toolDefinitions());
    }
  }

  @Test
  void aKindNoInstallerClaimsIsStillRefusedNamingTheKindsTheHostRuns() throws Exception {
    try (URLClassLoader loader = Indexes.loader(Indexes.dir(dir, "wasm",
            Descriptors.feature("bridge").runtime(RuntimeKind.WASM).tool("Echo").line()));
        Pod pod = pod(loader, bridge(feature -> events.add("installed"))).build()) {
      FeatureReport wasm = pod.start().feature(ID).orElseThrow();

      assertFalse(wasm.installed());
      assertTrue(wasm.diagnostics("yoi/runtime-unsupported").get(0).message()
          .contains("has runtime wasm, which this host cannot run yet (it runs builtin, jvm_plugin and"
              + " mcp_bridge features)"), wasm.toString());
      assertEquals(List.of(), events);
    }
  }

  @Test
  void twoInstallersOfOneKindAreAHostBugThatStartReports() throws Exception {
    RuntimeInstaller jvm = new RuntimeInstaller() {
      @Override
      public Set<RuntimeKind> kinds() {
        return Set.of(RuntimeKind.JVM_PLUGIN);
      }

      @Override
      public void install(RuntimeFeature feature) {}
    };
    try (URLClassLoader loader = bridgedFeature()) {
      try (Pod pod = pod(loader, bridge(f -> {}), bridge(f -> {})).build()) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, pod::start);
        assertTrue(e.getMessage().startsWith("runtime kind mcp_bridge has two installers"), e.getMessage());
      }
      try (Pod pod = pod(loader, jvm).build()) {
        assertTrue(assertThrows(IllegalArgumentException.class, pod::start).getMessage()
            .startsWith("runtime kind jvm_plugin has two installers"));
      }
    }
  }
}
