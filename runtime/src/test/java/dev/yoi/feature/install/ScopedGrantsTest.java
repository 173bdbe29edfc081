package dev.yoi.feature.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.ContributionReport.Kind;
import dev.yoi.feature.ContributionReport.Status;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.grant.GrantDecision;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Pod;
import dev.yoi.pod.ToolDefinition;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A denied optional authority skips only the tools left without any grant of its kind. */
class ScopedGrantsTest {
  static final String FILES = """
      package grants.files;
      @Feature(id = "files", name = "Files")
      @RequiresAuthority(value = AuthorityKind.FILESYSTEM, scope = "/work", reason = "reads the work tree")
      @RequiresAuthority(value = AuthorityKind.FILESYSTEM, scope = "/home", optional = true, reason = "reads dotfiles")
      @RequiresAuthority(value = AuthorityKind.NETWORK, scope = "example.org", optional = true, reason = "fetches")
      public final class FilesFeature implements FeatureModule {
        @ToolContribution(name = "Read", description = "Reads a file", requires = AuthorityKind.FILESYSTEM)
        public static final class Read implements Tool<JsonNode> {
          public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("read"); }
        }
        @ToolContribution(name = "Fetch", description = "Fetches a page", requires = AuthorityKind.NETWORK)
        public static final class Fetch implements Tool<JsonNode> {
          public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("fetched"); }
        }
        public void install(InstallContext c) {
          c.tools().register(new Read());
          c.tools().register(new Fetch());
        }
      }
      """;

  @TempDir static Path classes;
  static URLClassLoader loader;

  @BeforeAll
  static void compile() {
    loader = FeatureCompiler.loader(FeatureCompiler.compile(classes.resolve("files"), FeatureCompiler.java(FILES)));
  }

  @AfterAll
  static void close() throws IOException {
    loader.close();
  }

  @Test
  void aToolKeepsItsPlaceWhileAnotherGrantOfItsKindRemains() {
    try (Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN)
        .authorityPolicy(request -> GrantDecision.grant(List.of("FILESYSTEM:/work")))
        .build()) {
      FeatureReport files = pod.start().feature("builtin:files").orElseThrow();

      assertTrue(files.installed(), files.toString());
      assertEquals(Status.INSTALLED, files.contribution(Kind.TOOL, "Read").orElseThrow().status(), files.toString());
      assertEquals(Status.SKIPPED, files.contribution(Kind.TOOL, "Fetch").orElseThrow().status(), files.toString());
      assertEquals(List.of("Read"), pod.toolDefinitions().stream().map(ToolDefinition::name).toList());
      String warning = files.diagnostics("yoi/authority-denied").get(0).message();
      assertTrue(warning.contains("the tools that need it: \"Fetch\""), warning);
    }
  }
}
