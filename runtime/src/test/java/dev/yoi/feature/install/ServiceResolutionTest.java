package dev.yoi.feature.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.IndexLine;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.RequiredServiceReport;
import dev.yoi.feature.Severity;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.testing.Descriptors;
import dev.yoi.feature.testing.Indexes;
import dev.yoi.feature.testing.RecordingHost;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service resolution is decided from descriptors alone, so these features are hand-made index lines
 * (their classes do not exist: whatever passes resolution then fails to load, which is not what
 * these tests look at).
 */
class ServiceResolutionTest {
  @TempDir Path dir;

  private InstallReport install(IndexLine... lines) throws Exception {
    try (URLClassLoader loader = Indexes.loader(Indexes.dir(dir, "builtins", lines))) {
      return FeatureRegistry.install(List.of(new FeatureLoader(loader, FeatureSource.BUILTIN)),
          Enablement.defaults(), AuthorityPolicy.grantRequested(), new RecordingHost());
    }
  }

  private static FeatureReport feature(InstallReport report, String id) {
    return report.feature(id).orElseThrow(() -> new AssertionError("no report for " + id + ": " + report));
  }

  @Test
  void providersInstallBeforeTheirConsumersAndTiesGoByFeatureId() throws Exception {
    InstallReport report = install(
        Descriptors.feature("consumer-a").requires("builtin:store", "^1.0").line(),
        Descriptors.feature("free-b").line(),
        Descriptors.feature("provider-z").provides("store", "1.2.0").line());

    assertEquals(List.of("builtin:free-b", "builtin:provider-z", "builtin:consumer-a"), report.installOrder());
    RequiredServiceReport store = feature(report, "builtin:consumer-a").services().get(0);
    assertEquals("builtin:provider-z", store.provider());
    assertEquals("1.2.0", store.providerVersion());
  }

  @Test
  void aFeatureWhoseProviderFailedToInstallIsNotInstalledEitherAndSaysWhy() throws Exception {
    // provider-z resolves, but its (hand-made) descriptor class does not exist, so its install fails.
    InstallReport report = install(
        Descriptors.feature("consumer-a").requires("builtin:store", "^1.0").line(),
        Descriptors.feature("provider-z").provides("store", "1.2.0").line());

    assertTrue(feature(report, "builtin:provider-z").hasDiagnostic("yoi/install-failed"));
    FeatureReport consumer = feature(report, "builtin:consumer-a");
    assertFalse(consumer.installed());
    String message = consumer.diagnostics("yoi/missing-service").get(0).message();
    assertTrue(message.contains("its provider builtin:provider-z failed to install (yoi/install-failed)"), message);
    assertEquals(RequiredServiceReport.Status.MISSING, consumer.services().get(0).status());
  }

  @Test
  void aRequiredServiceNobodyProvidesKeepsTheConsumerOut() throws Exception {
    InstallReport report = install(Descriptors.feature("planner").requires("builtin:store", "^1.0").line());

    FeatureReport planner = feature(report, "builtin:planner");
    assertFalse(planner.installed());
    assertEquals(List.of(), report.installOrder());
    Diagnostic missing = planner.diagnostics("yoi/missing-service").get(0);
    assertEquals(Severity.ERROR, missing.severity());
    assertTrue(missing.message().contains("requires service builtin:store (range ^1.0"), missing.message());
    assertTrue(missing.message().contains("no feature provides it"), missing.message());
    assertEquals(RequiredServiceReport.Status.MISSING, planner.services().get(0).status());
  }

  @Test
  void aProviderOfTheWrongVersionIsAServiceVersionErrorNamingBothVersions() throws Exception {
    InstallReport report = install(
        Descriptors.feature("planner").requires("builtin:store", "^2.0").line(),
        Descriptors.feature("tasks").provides("store", "1.4.0").line());

    FeatureReport planner = feature(report, "builtin:planner");
    assertFalse(planner.installed());
    String message = planner.diagnostics("yoi/service-version").get(0).message();
    assertTrue(message.contains("in range ^2.0, but its provider builtin:tasks provides version 1.4.0"), message);
    assertEquals(RequiredServiceReport.Status.VERSION_MISMATCH, planner.services().get(0).status());
    assertEquals(List.of("builtin:tasks"), report.installOrder());
  }

  @Test
  void everyProblemOfAFeatureIsReportedNotOnlyTheFirst() throws Exception {
    InstallReport report = install(
        Descriptors.feature("planner").requires("builtin:store", "^2.0").requires("builtin:clock", "^1").line(),
        Descriptors.feature("tasks").provides("store", "1.4.0").line());

    FeatureReport planner = feature(report, "builtin:planner");
    assertTrue(planner.hasDiagnostic("yoi/service-version"));
    assertTrue(planner.hasDiagnostic("yoi/missing-service"));
  }

  @Test
  void aMissingOptionalServiceIsAWarningAndTheFeatureStillInstalls() throws Exception {
    InstallReport report = install(Descriptors.feature("planner").requiresOptional("builtin:clock", "^1").line());

    FeatureReport planner = feature(report, "builtin:planner");
    Diagnostic warning = planner.diagnostics("yoi/optional-service-missing").get(0);
    assertEquals(Severity.WARNING, warning.severity());
    assertEquals(List.of("builtin:planner"), report.installOrder());
  }

  @Test
  void everyCycleIsReportedAndNoneOfItsMembersInstalls() throws Exception {
    InstallReport report = install(
        Descriptors.feature("a").provides("sa", "1.0.0").requires("builtin:sb", "^1").line(),
        Descriptors.feature("b").provides("sb", "1.0.0").requires("builtin:sa", "^1").line(),
        Descriptors.feature("c").provides("sc", "1.0.0").requires("builtin:sd", "^1").line(),
        Descriptors.feature("d").provides("sd", "1.0.0").requires("builtin:sc", "^1").line(),
        Descriptors.feature("e").requires("builtin:sa", "^1").line(),
        Descriptors.feature("free").line());

    List<Diagnostic> cycles = report.diagnostics().stream()
        .filter(d -> d.code().equals("yoi/service-cycle")).toList();
    assertEquals(2, cycles.size(), report.diagnostics().toString());
    assertTrue(cycles.get(0).message().contains("builtin:a requires builtin:sb (provided by builtin:b)"));
    assertTrue(cycles.get(0).message().contains("builtin:b requires builtin:sa (provided by builtin:a)"));
    assertTrue(cycles.get(1).message().startsWith("[yoi/service-cycle] features builtin:c, builtin:d"));
    for (String member : List.of("builtin:a", "builtin:b", "builtin:c", "builtin:d")) {
      assertTrue(feature(report, member).hasDiagnostic("yoi/service-cycle"), member);
      assertEquals(RequiredServiceReport.Status.CYCLE, feature(report, member).services().get(0).status());
    }
    // A consumer of a cycle member cannot install either, and is told why.
    String e = feature(report, "builtin:e").diagnostics("yoi/missing-service").get(0).message();
    assertTrue(e.contains("its provider builtin:a is not installed: it is part of a service cycle"), e);
    assertEquals(List.of("builtin:free"), report.installOrder());
  }

  @Test
  void aFeatureRequiringItsOwnServiceIsACycleOfOne() throws Exception {
    InstallReport report = install(Descriptors.feature("selfish").provides("s", "1.0.0").requires("builtin:s", "^1").line());

    assertTrue(feature(report, "builtin:selfish").hasDiagnostic("yoi/service-cycle"));
    assertEquals(List.of(), report.installOrder());
  }

  @Test
  void optionalRequirementsInACycleDoNotBlockInstall() throws Exception {
    InstallReport report = install(
        Descriptors.feature("a").provides("sa", "1.0.0").requiresOptional("builtin:sb", "^1").line(),
        Descriptors.feature("b").provides("sb", "1.0.0").requires("builtin:sa", "^1").line());

    assertEquals(List.of("builtin:a", "builtin:b"), report.installOrder());
    assertTrue(report.diagnostics().isEmpty(), report.diagnostics().toString());
  }

  @Test
  void aPrivilegedServiceNeedsTheConsumersServiceAccessGrant() throws Exception {
    InstallReport report = install(
        Descriptors.feature("vault").provides("secrets", "1.0.0", true).line(),
        Descriptors.feature("nosy").requires("builtin:secrets", "^1").line(),
        Descriptors.feature("trusted").requires("builtin:secrets", "^1")
            .authority(AuthorityKind.SERVICE_ACCESS, "builtin:secrets", false).line());

    FeatureReport nosy = feature(report, "builtin:nosy");
    String denied = nosy.diagnostics("yoi/authority-denied").get(0).message();
    assertTrue(denied.contains("requires the privileged service builtin:secrets"), denied);
    assertTrue(denied.contains("SERVICE_ACCESS:builtin:secrets"), denied);
    assertEquals(RequiredServiceReport.Status.DENIED, nosy.services().get(0).status());
    assertFalse(feature(report, "builtin:trusted").hasDiagnostic("yoi/authority-denied"));
    assertEquals(List.of("builtin:vault", "builtin:trusted"), report.installOrder());
  }

  @Test
  void aFeatureWhoseProviderIsRefusedIsRefusedTooAndToldWhy() throws Exception {
    InstallReport report = install(
        Descriptors.feature("tasks").provides("store", "1.0.0").requires("builtin:clock", "^1").line(),
        Descriptors.feature("reminders").requires("builtin:store", "^1").line());

    String message = feature(report, "builtin:reminders").diagnostics("yoi/missing-service").get(0).message();
    assertTrue(message.contains("its provider builtin:tasks is not installed: it requires service builtin:clock,"
        + " which no feature provides"), message);
    assertEquals(List.of(), report.installOrder());
  }

  @Test
  void aProviderThatIsNotEnabledLeavesItsConsumersMissingTheService() throws Exception {
    Path builtins = Indexes.dir(dir, "b", Descriptors.feature("reminders").requires("user:store", "^1").line());
    Path plugins = Indexes.dir(dir, "u", Descriptors.feature("tasks").provides("store", "1.0.0").line());
    try (URLClassLoader b = Indexes.loader(builtins); URLClassLoader u = Indexes.loader(plugins)) {
      InstallReport report = FeatureRegistry.install(
          List.of(new FeatureLoader(b, FeatureSource.BUILTIN), new FeatureLoader(u, FeatureSource.USER)),
          Enablement.defaults(), AuthorityPolicy.grantRequested(), new RecordingHost());

      assertTrue(feature(report, "user:tasks").hasDiagnostic("yoi/not-enabled"));
      String message = feature(report, "builtin:reminders").diagnostics("yoi/missing-service").get(0).message();
      assertTrue(message.contains("its provider user:tasks is not installed: it is not enabled in the manifest"),
          message);
    }
  }

  @Test
  void twoProvidersOfOneServiceIdKeepTheFirstByIdAndListBoth() throws Exception {
    InstallReport report = install(
        Descriptors.feature("alpha").provides("store", "1.0.0").line(),
        Descriptors.feature("beta").provides("store", "1.0.0").line());

    String message = feature(report, "builtin:beta").diagnostics("yoi/duplicate-contribution").get(0).message();
    assertTrue(message.startsWith("[yoi/duplicate-contribution] service builtin:store is provided 2 times:"), message);
    assertTrue(message.contains("builtin:alpha  test.alpha.Provider$store"), message);
    assertTrue(message.contains("builtin:beta  test.beta.Provider$store"), message);
    assertEquals(List.of("builtin:alpha"), report.installOrder());
  }

  @Test
  void aLongProviderChainResolvesWithoutRecursion() throws Exception {
    int n = 3000;
    IndexLine[] lines = new IndexLine[n];
    for (int i = 0; i < n; i++) {
      Descriptors.Builder b = Descriptors.feature(String.format("f%04d", i)).provides(String.format("s%04d", i), "1.0.0");
      if (i > 0) {
        b.requires(String.format("builtin:s%04d", i - 1), "^1");
      }
      lines[n - 1 - i] = b.line();
    }
    InstallReport report = install(lines);

    assertEquals(n, report.installOrder().size());
    assertEquals("builtin:f0000", report.installOrder().get(0));
    assertEquals("builtin:f2999", report.installOrder().get(n - 1));
  }
}
