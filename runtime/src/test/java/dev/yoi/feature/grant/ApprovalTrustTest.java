package dev.yoi.feature.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Pod;
import dev.yoi.pod.PodManifest;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, items 4, 8 and 9, through a Pod with a plugin built by the real processor: who may
 * approve a project's plugins (the person, in a lock the project cannot write), what an approval
 * pins (declarations; code only when the host pins it), and that a plugin does not become builtin
 * by where its jar is put.
 */
class ApprovalTrustTest {
  static final String FETCH = """
      package trust.fetch;
      @Feature(id = "fetch", name = "Fetch", version = "1.0.0")
      @RequiresAuthority(value = AuthorityKind.NETWORK, scope = "api.example.com", reason = "fetches pages")
      public final class FetchFeature implements FeatureModule {
        public void install(InstallContext c) { c.tools().register(new Fetch()); }
        @ToolContribution(name = "Fetch", description = "Fetches a page", requires = AuthorityKind.NETWORK)
        public static final class Fetch implements Tool<JsonNode> {
          public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("ANSWER"); }
        }
      }
      """;

  @TempDir Path dir;

  /** A plugin jar built as a plugin is (runtime jvm_plugin) whose tool answers {@code answer}. */
  private Path pluginJar(String name, String answer) {
    Path classes = FeatureCompiler.compilePlugin(dir.resolve("build-" + name),
        FeatureCompiler.java(FETCH.replace("ANSWER", answer)));
    return FeatureCompiler.jar(classes, dir.resolve(name + ".jar"));
  }

  private static CatalogEntry entry(URLClassLoader loader) {
    return FeatureCatalog.read(new FeatureLoader(loader, FeatureSource.PROJECT)).entry("project:fetch").orElseThrow();
  }

  /** A repository as someone clones it: a manifest that enables its plugin, and a lock approving it. */
  private Path clonedRepository(Path jar) throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(repo.resolve("pod.json"),
        "{\"features\": {\"enable\": [\"project:fetch\"]}, \"approvals\": \"features.lock.json\"}");
    try (URLClassLoader loader = FeatureCompiler.loader(jar)) {
      ApprovalLock.approve(repo.resolve(ApprovalLock.FILE_NAME), entry(loader));
    }
    return repo;
  }

  @Test
  void aClonedRepositorysShippedLockApprovesNothingAndTheReportSaysHowToApprove() throws IOException {
    Path jar = pluginJar("fetch", "page");
    Path repo = clonedRepository(jar);
    Path mine = dir.resolve("home/.yoi/approvals.json");

    try (URLClassLoader loader = FeatureCompiler.loader(jar);
        Pod pod = Pod.builder().features(loader, FeatureSource.PROJECT).manifest(repo.resolve("pod.json"))
            .userApprovals(mine).build()) {
      InstallReport report = pod.start();

      FeatureReport fetch = report.feature("project:fetch").orElseThrow();
      assertFalse(fetch.installed(), report.toJson());
      assertEquals(List.of(), fetch.granted());
      Diagnostic why = fetch.diagnostics("yoi/approval-required").get(0);
      assertTrue(why.message().contains("The project's lock " + repo.resolve(ApprovalLock.FILE_NAME)
          + " approves it, but a lock that comes with the project is not trusted"), why.message());
      assertTrue(why.message().endsWith("yoi approve project:fetch --project-dir " + repo.toRealPath()
          + " --user-lock " + mine), why.message());
      assertTrue(pod.callTool("Fetch", "{}").isError());
    }
  }

  @Test
  void onceThePersonApprovesItInTheirOwnLockThePluginInstallsForThatProjectOnly() throws IOException {
    Path jar = pluginJar("fetch", "page");
    Path repo = clonedRepository(jar);
    Path mine = dir.resolve("home/.yoi/approvals.json");
    try (URLClassLoader loader = FeatureCompiler.loader(jar)) {
      CatalogEntry entry = entry(loader);
      ApprovalLock.approve(mine, repo, new Approval(entry.id(), entry.digest(), Set.of(AuthorityLabel.parse("NETWORK:api.example.com")),
          entry.descriptor()));
    }

    try (URLClassLoader loader = FeatureCompiler.loader(jar);
        Pod here = Pod.builder().features(loader, FeatureSource.PROJECT).manifest(repo.resolve("pod.json"))
            .userApprovals(mine).build();
        Pod elsewhere = Pod.builder().features(loader, FeatureSource.PROJECT).manifest(repo.resolve("pod.json"))
            .userApprovals(mine).projectDirectory(dir.resolve("another-checkout")).build()) {
      assertTrue(here.start().feature("project:fetch").orElseThrow().installed());
      assertEquals("page", here.callTool("Fetch", "{}").text());
      assertTrue(elsewhere.start().feature("project:fetch").orElseThrow().hasDiagnostic("yoi/approval-required"));
    }
  }

  @Test
  void aHostThatTrustsTheProjectLockExplicitlyInstallsWhatItApproves() throws IOException {
    Path jar = pluginJar("fetch", "page");
    Path repo = clonedRepository(jar);

    try (URLClassLoader loader = FeatureCompiler.loader(jar);
        Pod pod = Pod.builder().features(loader, FeatureSource.PROJECT).manifest(repo.resolve("pod.json"))
            .userApprovals(dir.resolve("home/.yoi/approvals.json")).trustProjectLock(true).build()) {
      FeatureReport fetch = pod.start().feature("project:fetch").orElseThrow();

      assertTrue(fetch.installed(), fetch.diagnostics().toString());
      assertEquals(List.of("NETWORK:api.example.com"), fetch.granted());
    }
  }

  @Test
  void aPluginJarOnTheHostsClassPathIsNotBuiltinAndGetsNothing() throws IOException {
    Path jar = pluginJar("fetch", "page");

    try (URLClassLoader loader = FeatureCompiler.loader(jar);
        Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN).build()) {
      InstallReport report = pod.start();

      FeatureReport fetch = report.feature("builtin:fetch").orElseThrow();
      assertTrue(fetch.enabled());
      assertFalse(fetch.installed());
      assertEquals(List.of(), fetch.granted());
      assertTrue(fetch.diagnostics("yoi/approval-required").get(0).message()
          .contains("declares runtime jvm_plugin, but it was found on the host's own class path"), report.toJson());
      assertTrue(pod.callTool("Fetch", "{}").isError());
    }
    // The same source built as the builtins' build does installs with what it requests.
    Path builtin = FeatureCompiler.compile(dir.resolve("built-as-builtin"), FeatureCompiler.java(FETCH));
    try (URLClassLoader loader = FeatureCompiler.loader(builtin);
        Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN).build()) {
      assertEquals(List.of("NETWORK:api.example.com"), pod.start().feature("builtin:fetch").orElseThrow().granted());
    }
  }

  @Test
  void aPodThatPinsCodeRefusesANewJarWithTheSameDeclarationsAsCodeChanged() throws IOException {
    Path v1 = pluginJar("v1", "page");
    Path v2 = pluginJar("v2", "page, and your secrets");
    Path mine = dir.resolve("approvals.json");
    Path project = Files.createDirectories(dir.resolve("project"));
    String approvedCode;
    try (URLClassLoader loader = FeatureCompiler.loader(v1)) {
      CatalogEntry entry = entry(loader);
      approvedCode = ApprovalLock.codeOf(entry).orElseThrow();
      ApprovalLock.approve(mine, project, new Approval(entry.id(), entry.digest(),
          Set.of(AuthorityLabel.parse("NETWORK:api.example.com")), entry.descriptor(), ApprovalLock.codeOf(entry)));
    }

    try (URLClassLoader loader = FeatureCompiler.loader(v1); Pod pod = pinned(loader, mine, project, true)) {
      assertTrue(pod.start().feature("project:fetch").orElseThrow().installed(), "the approved code");
    }
    try (URLClassLoader loader = FeatureCompiler.loader(v2); Pod pod = pinned(loader, mine, project, true)) {
      InstallReport report = pod.start();

      FeatureReport fetch = report.feature("project:fetch").orElseThrow();
      assertFalse(fetch.installed(), report.toJson());
      String message = fetch.diagnostics("yoi/code-changed").get(0).message();
      assertTrue(message.contains("same declarations, new code"), message);
      assertTrue(message.contains(v2 + " hashes to " + sha256sum(v2) + "; the approval pinned "
          + approvedCode), message);
      assertTrue(message.endsWith("re-approve it: yoi approve project:fetch --project-dir " + project.toRealPath()
          + " --user-lock " + mine), message);
      assertTrue(pod.callTool("Fetch", "{}").isError());
    }
    // Without the pin, the approval holds the declarations only: the new code runs.
    try (URLClassLoader loader = FeatureCompiler.loader(v2); Pod pod = pinned(loader, mine, project, false)) {
      assertTrue(pod.start().feature("project:fetch").orElseThrow().installed());
      assertEquals("page, and your secrets", pod.callTool("Fetch", "{}").text());
    }
  }

  @Test
  void aPodThatPinsCodeRefusesAnApprovalThatRecordedNoCode() throws IOException {
    Path jar = pluginJar("fetch", "page");
    Path mine = dir.resolve("approvals.json");
    Path project = Files.createDirectories(dir.resolve("project"));
    try (URLClassLoader loader = FeatureCompiler.loader(jar)) {
      CatalogEntry entry = entry(loader);
      ApprovalLock.approve(mine, project, new Approval(entry.id(), entry.digest(),
          Set.of(AuthorityLabel.parse("NETWORK:api.example.com")), entry.descriptor()));
    }

    try (URLClassLoader loader = FeatureCompiler.loader(jar); Pod pod = pinned(loader, mine, project, true)) {
      FeatureReport fetch = pod.start().feature("project:fetch").orElseThrow();

      assertFalse(fetch.installed());
      assertTrue(fetch.diagnostics("yoi/code-changed").get(0).message().contains("the approval records no code"),
          fetch.diagnostics().toString());
    }
  }

  private Pod pinned(URLClassLoader loader, Path lock, Path project, boolean pin) {
    return Pod.builder().features(loader, FeatureSource.PROJECT)
        .manifest(PodManifest.parse("{\"features\": {\"enable\": [\"project:fetch\"]}}", "pod.json", dir))
        .userApprovals(lock).projectDirectory(project).pinCode(pin).build();
  }

  /** The jar's SHA-256 as {@code sha256sum} prints it, with the digest prefix. */
  private static String sha256sum(Path jar) throws IOException {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
