package dev.yoi.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.testing.FeatureCompiler;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-time side of one meaning for service ids (descriptor's Identities): two modules each
 * providing {@code cache}, built with the real processor, are {@code user:cache} and
 * {@code project:cache} when installed from two sources, and install side by side, which is why
 * the build does not refuse the second module compiled with the first on its class path
 * (ClasspathDuplicateTest.twoModulesEachProvidingCacheCompileAsTheRuntimeInstallsUserCacheBesideProjectCache).
 * From one source they are one id twice, and the host refuses the second, as the build does for
 * two providers compiled together.
 */
class ServiceIdentityTest {
  private static final String STORE = """
      package acme.SLUG;
      @Feature(id = "SLUG", name = "Store")
      public final class StoreFeature implements FeatureModule {
        public void install(InstallContext context) { context.services().provide(Supplier.class, new Cache()); }
        @ProvidesService(id = "cache", version = "1.0.0", type = Supplier.class)
        public static final class Cache implements Supplier<String> { public String get() { return "SLUG"; } }
      }
      """;

  private static final String READER = """
      package acme.reader;
      @Feature(id = "reader", name = "Reader")
      @RequiresService(id = "user:cache", version = "^1.0", type = Supplier.class, reason = "the user's cache")
      @RequiresService(id = "project:cache", version = "^1.0", type = Supplier.class, reason = "the project's")
      public final class ReaderFeature implements FeatureModule {
        public void install(InstallContext context) {
          context.diagnostics().info("user:cache is " + context.services().require("user:cache", Supplier.class).get()
              + ", project:cache is " + context.services().require("project:cache", Supplier.class).get());
        }
      }
      """;

  @TempDir Path dir;

  @Test
  void cacheFromTheUserAndCacheFromTheProjectInstallSideBySide() throws IOException {
    try (URLClassLoader user = store("storea"); URLClassLoader project = store("storeb", READER)) {
      InstallReport report = start(Pod.builder().features(user, FeatureSource.USER)
          .features(project, FeatureSource.PROJECT), "user:storea", "project:storeb", "project:reader");

      assertTrue(feature(report, "user:storea").installed(), report.toString());
      assertTrue(feature(report, "project:storeb").installed(), report.toString());
      assertEquals(List.of("[yoi/feature-note] project:reader: user:cache is storea, project:cache is storeb"),
          feature(report, "project:reader").diagnostics("yoi/feature-note").stream()
              .map(Diagnostic::message).toList());
      assertFalse(report.allDiagnostics().stream().anyMatch(d -> d.code().equals("yoi/duplicate-contribution")),
          report.toString());
    }
  }

  @Test
  void cacheTwiceFromOneSourceIsOneIdTwiceAndTheSecondIsRefused() throws IOException {
    try (URLClassLoader first = store("storea"); URLClassLoader second = store("storeb")) {
      InstallReport report = start(Pod.builder().features(first, FeatureSource.PROJECT)
          .features(second, FeatureSource.PROJECT), "project:storea", "project:storeb");

      assertTrue(feature(report, "project:storea").installed(), report.toString());
      FeatureReport refused = feature(report, "project:storeb");
      assertFalse(refused.installed());
      assertTrue(refused.diagnostics("yoi/duplicate-contribution").get(0).message()
          .contains("service project:cache is provided"), refused.toString());
    }
  }

  private URLClassLoader store(String slug, String... more) {
    List<FeatureCompiler.Source> sources = new java.util.ArrayList<>();
    sources.add(FeatureCompiler.java(STORE.replace("SLUG", slug)));
    for (String source : more) {
      sources.add(FeatureCompiler.java(source));
    }
    return FeatureCompiler.loader(FeatureCompiler.compile(dir.resolve(slug),
        sources.toArray(FeatureCompiler.Source[]::new)));
  }

  private InstallReport start(Pod.Builder builder, String... enabled) throws IOException {
    Path manifest = Files.writeString(dir.resolve("pod.json"), "{\"features\": {\"enable\": [\""
        + String.join("\", \"", enabled) + "\"]}}");
    try (Pod pod = builder.manifest(manifest).authorityPolicy(AuthorityPolicy.grantRequested()).build()) {
      return pod.start();
    }
  }

  private static FeatureReport feature(InstallReport report, String id) {
    return report.feature(id).orElseThrow(() -> new AssertionError(id + " not in " + report));
  }
}
