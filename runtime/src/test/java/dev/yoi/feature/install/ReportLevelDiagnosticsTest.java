package dev.yoi.feature.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.testing.Descriptors;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.feature.testing.Indexes;
import dev.yoi.feature.testing.RecordingHost;
import dev.yoi.pod.Pod;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a problem lands in the {@link InstallReport}: what concerns an index line, or several
 * features at once, is report-level (docs/design.md, "Run time: the registry"), also shown on the
 * feature it names, and counted and published once.
 */
class ReportLevelDiagnosticsTest {
  static final String CLOCK = """
      package report.clock;
      @Feature(id = "clock", name = "Clock")
      public final class ClockFeature implements FeatureModule {
        @ToolContribution(name = "Now", description = "The time in a zone")
        public static final class Now implements Tool<JsonNode> {
          public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("noon"); }
        }
        public void install(InstallContext c) {
          c.tools().register(new Now());
        }
      }
      """;

  @TempDir Path dir;
  final List<URLClassLoader> loaders = new ArrayList<>();
  final List<Diagnostic> published = new ArrayList<>();

  @AfterEach
  void closeLoaders() throws IOException {
    for (URLClassLoader loader : loaders) {
      loader.close();
    }
  }

  Path module(String name, String source) {
    return FeatureCompiler.compile(dir.resolve(name), FeatureCompiler.java(source));
  }

  InstallReport start(Path... modules) {
    URLClassLoader loader = FeatureCompiler.loader(modules);
    loaders.add(loader);
    try (Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN).diagnostics(published::add).build()) {
      return pod.start();
    }
  }

  static List<Diagnostic> withCode(List<Diagnostic> diagnostics, String code) {
    return diagnostics.stream().filter(d -> d.code().equals(code)).toList();
  }

  @Test
  void aTamperedLineThatNamesItsFeatureIsReportLevelAndOnTheFeatureAndCountedOnce() {
    Path clock = module("clock", CLOCK);
    FeatureCompiler.rewriteIndex(clock, FeatureCompiler.index(clock).replace("The time in a zone", "Any time"));

    InstallReport report = start(clock);

    List<Diagnostic> reportLevel = withCode(report.diagnostics(), "yoi/digest-mismatch");
    assertEquals(1, reportLevel.size(), report.toJson());
    assertEquals(reportLevel, withCode(report.feature("builtin:clock").orElseThrow().diagnostics(), "yoi/digest-mismatch"));
    assertFalse(report.feature("builtin:clock").orElseThrow().installed());
    assertEquals(reportLevel, withCode(report.allDiagnostics(), "yoi/digest-mismatch"));
    assertEquals(reportLevel, withCode(published, "yoi/digest-mismatch"));
  }

  @Test
  void aLineOfAnotherFormatIsReportLevelAndOnItsFeature() {
    Path clock = module("clock", CLOCK);
    FeatureCompiler.rewriteIndex(clock, FeatureCompiler.index(clock).replace("{\"format\":1,", "{\"format\":2,"));

    InstallReport report = start(clock);

    List<Diagnostic> reportLevel = withCode(report.diagnostics(), "yoi/index-format");
    assertEquals(1, reportLevel.size(), report.toJson());
    assertTrue(reportLevel.get(0).message().startsWith("[yoi/index-format] index line 1 of "), reportLevel.get(0).message());
    assertTrue(report.feature("builtin:clock").orElseThrow().hasDiagnostic("yoi/index-format"), report.toJson());
    assertEquals(1, withCode(report.allDiagnostics(), "yoi/index-format").size());
  }

  @Test
  void twoModulesDefiningOneFeatureIdAreADuplicateListingBothAndNeitherInstalls() {
    Path first = module("first", CLOCK);
    Path second = module("second", CLOCK.replace("package report.clock;", "package report.other;"));

    InstallReport report = start(first, second);

    FeatureReport clock = report.feature("builtin:clock").orElseThrow();
    assertFalse(clock.installed());
    assertEquals(2, clock.locations().size(), clock.toString());
    List<Diagnostic> duplicates = clock.diagnostics("yoi/duplicate-feature");
    assertEquals(1, duplicates.size(), report.toJson());
    String message = duplicates.get(0).message();
    assertTrue(message.startsWith("[yoi/duplicate-feature] feature builtin:clock is defined 2 times:"), message);
    int other = message.indexOf("report.other.ClockFeature_FeatureDescriptor");
    int clockClass = message.indexOf("report.clock.ClockFeature_FeatureDescriptor");
    assertTrue(clockClass > 0 && other > 0, message);
    assertEquals(1, withCode(report.allDiagnostics(), "yoi/duplicate-feature").size());
    assertEquals(List.of(), report.installOrder());
  }

  @Test
  void aServiceCycleIsOneReportLevelDiagnosticThatEachMemberShows() throws IOException {
    Path plugins = Indexes.dir(dir, "cycle",
        Descriptors.feature("a").provides("sa", "1.0.0").requires("builtin:sb", "^1").line(),
        Descriptors.feature("b").provides("sb", "1.0.0").requires("builtin:sa", "^1").line());
    RecordingHost host = new RecordingHost();
    InstallReport report;
    try (URLClassLoader loader = Indexes.loader(plugins)) {
      report = FeatureRegistry.install(List.of(new FeatureLoader(loader, FeatureSource.BUILTIN)),
          Enablement.defaults(), AuthorityPolicy.grantRequested(), host);
    }

    List<Diagnostic> cycle = withCode(report.diagnostics(), "yoi/service-cycle");
    assertEquals(1, cycle.size(), report.toJson());
    assertEquals(cycle, withCode(report.feature("builtin:a").orElseThrow().diagnostics(), "yoi/service-cycle"));
    assertEquals(cycle, withCode(report.feature("builtin:b").orElseThrow().diagnostics(), "yoi/service-cycle"));
    assertEquals(cycle, withCode(report.allDiagnostics(), "yoi/service-cycle"));
    assertEquals(cycle, withCode(host.published(), "yoi/service-cycle"));
  }

  @Test
  void aManifestIdThatNoIndexDefinesIsAReportLevelWarningNamingTheIdsFound() throws IOException {
    Path clock = module("clock", CLOCK);
    Path manifest = dir.resolve("pod.json");
    java.nio.file.Files.writeString(manifest,
        "{\"features\":{\"enable\":[\"project:wether\"],\"disable\":[\"builtin:clock\"]}}");
    URLClassLoader loader = FeatureCompiler.loader(clock);
    loaders.add(loader);

    InstallReport report;
    try (Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN).manifest(manifest).build()) {
      report = pod.start();
    }

    List<Diagnostic> unknown = withCode(report.diagnostics(), "yoi/manifest-invalid");
    assertEquals(1, unknown.size(), report.toJson());
    assertTrue(unknown.get(0).message().contains("features.enable names project:wether"), unknown.get(0).message());
    assertTrue(unknown.get(0).message().contains("builtin:clock"), unknown.get(0).message());
  }
}
