package dev.yoi.feature.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.Severity;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.ApprovalLock;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.grant.GrantDecision;
import dev.yoi.feature.testing.Descriptors;
import dev.yoi.feature.testing.Indexes;
import dev.yoi.feature.testing.RecordingHost;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules decided before any feature class is loaded: enablement, runtime kind, grants. */
class EnablementAndGrantsTest {
  @TempDir Path dir;

  private InstallReport install(FeatureSource source, Enablement enablement, AuthorityPolicy policy,
      RecordingHost host, IndexLine... lines) throws Exception {
    try (URLClassLoader loader = Indexes.loader(Indexes.dir(dir, source.prefix(), lines))) {
      return FeatureRegistry.install(List.of(new FeatureLoader(loader, source)), enablement, policy, host);
    }
  }

  @Test
  void aPluginIsNeverEnabledAutomatically() throws Exception {
    InstallReport report = install(FeatureSource.USER, Enablement.defaults(), AuthorityPolicy.grantRequested(),
        new RecordingHost(), Descriptors.feature("journal").line());

    FeatureReport journal = report.feature("user:journal").orElseThrow();
    assertFalse(journal.enabled());
    assertFalse(journal.installed());
    Diagnostic notEnabled = journal.diagnostics("yoi/not-enabled").get(0);
    assertEquals(Severity.INFO, notEnabled.severity());
    assertTrue(notEnabled.message().contains("add \"user:journal\" to the manifest's enabled features"),
        notEnabled.message());
  }

  @Test
  void aBuiltinDisabledByTheManifestIsNotInstalled() throws Exception {
    InstallReport report = install(FeatureSource.BUILTIN, new Enablement(Set.of(), Set.of("builtin:memory")),
        AuthorityPolicy.grantRequested(), new RecordingHost(), Descriptors.feature("memory").line());

    assertTrue(report.feature("builtin:memory").orElseThrow().hasDiagnostic("yoi/not-enabled"));
    assertEquals(List.of(), report.installOrder());
  }

  @Test
  void anEnabledButUnapprovedPluginIsApprovalRequiredWithTheCommand() throws Exception {
    Path lock = dir.resolve("features.lock.json");
    InstallReport report = install(FeatureSource.PROJECT, new Enablement(Set.of("project:weather"), Set.of()),
        AuthorityPolicy.standard(lock), new RecordingHost(), Descriptors.feature("weather").line());

    FeatureReport weather = report.feature("project:weather").orElseThrow();
    assertFalse(weather.installed());
    assertTrue(weather.diagnostics("yoi/approval-required").get(0).message()
        .contains("yoi approve project:weather --lock " + lock));
  }

  @Test
  void anApprovedPluginPassesTheGrantCheck() throws Exception {
    Path lock = dir.resolve("features.lock.json");
    FeatureDescriptor weather = Descriptors.feature("weather").authority(AuthorityKind.NETWORK, "api.x", false).build();
    ApprovalLock.approve(lock, "project:weather", Digests.of(weather), weather, ApprovalLock.requestedLabels(weather));

    InstallReport report = install(FeatureSource.PROJECT, new Enablement(Set.of("project:weather"), Set.of()),
        AuthorityPolicy.standard(lock), new RecordingHost(),
        IndexLine.of("test", "test.weather.Feature_FeatureDescriptor", weather));

    FeatureReport feature = report.feature("project:weather").orElseThrow();
    assertEquals(List.of("NETWORK:api.x"), feature.granted());
    assertFalse(feature.hasDiagnostic("yoi/approval-required"));
    assertEquals(List.of("project:weather"), report.installOrder());
  }

  @Test
  void aDeniedRequiredAuthorityKeepsTheFeatureOut() throws Exception {
    AuthorityPolicy nothing = request -> GrantDecision.grant(Set.of());
    InstallReport report = install(FeatureSource.BUILTIN, Enablement.defaults(), nothing, new RecordingHost(),
        Descriptors.feature("memory").authority(AuthorityKind.STATE_STORE, "memory", false)
            .authority(AuthorityKind.MODEL_NOTIFICATION, "", true).line());

    FeatureReport memory = report.feature("builtin:memory").orElseThrow();
    assertFalse(memory.installed());
    assertEquals(List.of("MODEL_NOTIFICATION", "STATE_STORE:memory"), memory.denied());
    String message = memory.diagnostics("yoi/authority-denied").get(0).message();
    assertTrue(message.contains("needs the authority STATE_STORE:memory (\"because STATE_STORE\")"), message);
    assertEquals(List.of(), report.installOrder());
  }

  @Test
  void aRuntimeKindThatCannotRunHereIsListedAndRefused() throws Exception {
    InstallReport report = install(FeatureSource.BUILTIN, Enablement.defaults(), AuthorityPolicy.grantRequested(),
        new RecordingHost(), Descriptors.feature("bridge").runtime(RuntimeKind.MCP_BRIDGE).line());

    FeatureReport bridge = report.feature("builtin:bridge").orElseThrow();
    assertEquals("mcp_bridge", bridge.runtime());
    assertTrue(bridge.hasDiagnostic("yoi/runtime-unsupported"));
    assertFalse(bridge.installed());
  }

  @Test
  void everyDiagnosticIsPublishedOnTheLiveStreamToo() throws Exception {
    RecordingHost host = new RecordingHost();
    InstallReport report = install(FeatureSource.USER, Enablement.defaults(), AuthorityPolicy.grantRequested(),
        host, Descriptors.feature("journal").line());

    assertEquals(report.allDiagnostics(), host.published());
  }
}
