package dev.yoi.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.GeneratedFeature;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.feature.testing.Indexes;
import dev.yoi.pod.tool.ToolResult;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dry run ({@code yoi report}) reports what {@code Pod.start()} with the same inputs would. */
class DryRunTest {
  /**
   * A descriptor whose tool schema does not compile (a $ref to nothing). The processor never
   * derives one; a descriptor class written by hand, or by another tool, can carry one.
   */
  static final String DESCRIPTOR_JSON = """
      {"backgroundTasks":[],"authorities":[],"description":"","featureClass":"dry.bad.BadFeature",\
      "hooks":[],"name":"Bad","providedServices":[],"requiredServices":[],"runtime":"builtin","slug":"bad",\
      "tools":[{"className":"dry.bad.BadFeature$Echo","description":"Echoes",\
      "inputSchema":{"type":"object","properties":{"a":{"$ref":"#/$defs/nowhere"}}},\
      "inputType":"com.fasterxml.jackson.databind.JsonNode","name":"Echo","requires":[]}],"version":"1.0.0"}""";

  static final String FEATURE = """
      package dry.bad;
      public final class BadFeature implements FeatureModule {
        public static final class Echo implements Tool<JsonNode> {
          public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("echo"); }
        }
        public void install(InstallContext c) {
          c.tools().register(new Echo());
        }
      }
      """;

  static final String DESCRIPTOR_CLASS = """
      package dry.bad;
      import dev.yoi.descriptor.CanonicalJson;
      import dev.yoi.descriptor.Digests;
      public final class BadFeature_FeatureDescriptor implements GeneratedFeature {
        static final String DESCRIPTOR_JSON = CanonicalJson.write(CanonicalJson.parse(%s));
        public static final String DIGEST = Digests.ofCanonicalJson(DESCRIPTOR_JSON);
        public String descriptorJson() { return DESCRIPTOR_JSON; }
        public String digest() { return DIGEST; }
        public FeatureModule create() { return new BadFeature(); }
      }
      """;

  @TempDir Path dir;

  @Test
  void aToolWhoseSchemaThePodCannotCompileInstallsAndItsCallsAreErrorResults() throws IOException {
    FeatureDescriptor descriptor = CanonicalJson.toDescriptor(CanonicalJson.parse(DESCRIPTOR_JSON));
    Path module = Indexes.dirWithText(dir, "bad", IndexFile.write(List.of(
        IndexLine.of("test", "dry.bad.BadFeature_FeatureDescriptor", descriptor))));
    FeatureCompiler.compile(module, FeatureCompiler.java(FEATURE), FeatureCompiler.java(
        DESCRIPTOR_CLASS.formatted(new ObjectMapper().writeValueAsString(DESCRIPTOR_JSON))));
    try (URLClassLoader loader = FeatureCompiler.loader(module)) {
      FeatureReport started;
      ToolResult first;
      ToolResult second;
      List<Diagnostic> published;
      try (Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN).build()) {
        started = pod.start().feature("builtin:bad").orElseThrow();
        first = pod.callTool("Echo", "{}");
        second = pod.callTool("Echo", "{}");
        published = pod.diagnostics().stream().filter(d -> d.code().equals("yoi/tool-failed")).toList();
      }
      FeatureReport dry = DryRun.report(List.of(new FeatureLoader(loader, FeatureSource.BUILTIN)),
          PodManifest.empty(), AuthorityPolicy.grantRequested()).feature("builtin:bad").orElseThrow();

      // The schema is compiled on the tool's first call (a start does not compile schemas of
      // tools that may never be called): the call is the error result, with one diagnostic.
      assertTrue(started.installed(), started.toString());
      assertTrue(first.isError());
      assertTrue(first.text().contains("its input schema does not compile"), first.text());
      assertEquals(first, second);
      assertEquals(1, published.size(), published.toString());
      assertEquals("builtin:bad", published.get(0).featureId());
      assertEquals(started, dry);
    }
  }

  static String search(String pkg, String slug) {
    return """
        package %s;
        @Feature(id = "%s", name = "Search")
        public final class SearchFeature implements FeatureModule {
          @ToolContribution(name = "Search", description = "Searches")
          public static final class Search implements Tool<JsonNode> {
            public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("found"); }
          }
          public void install(InstallContext c) {
            c.tools().register(new Search());
          }
        }
        """.formatted(pkg, slug);
  }

  @Test
  void aToolNameTakenByAnotherFeatureIsRefusedNamingBothInTheStartAndTheDryRun() throws IOException {
    Path first = FeatureCompiler.compile(dir.resolve("a"), FeatureCompiler.java(search("dup.a", "a-search")));
    Path second = FeatureCompiler.compile(dir.resolve("b"), FeatureCompiler.java(search("dup.b", "b-search")));
    try (URLClassLoader loader = FeatureCompiler.loader(first, second)) {
      InstallReport started;
      try (Pod pod = Pod.builder().features(loader, FeatureSource.BUILTIN).build()) {
        started = pod.start();
      }
      InstallReport dry = DryRun.report(List.of(new FeatureLoader(loader, FeatureSource.BUILTIN)),
          PodManifest.empty(), AuthorityPolicy.grantRequested());

      assertTrue(started.feature("builtin:a-search").orElseThrow().installed());
      FeatureReport loser = started.feature("builtin:b-search").orElseThrow();
      assertFalse(loser.installed());
      String message = loser.diagnostics("yoi/duplicate-contribution").get(0).message();
      assertTrue(message.contains("tool \"Search\" is contributed twice:\n"
          + "    builtin:a-search  dup.a.SearchFeature$Search\n"
          + "    builtin:b-search  dup.b.SearchFeature$Search"), message);
      assertEquals(started.features(), dry.features());
    }
  }
}
