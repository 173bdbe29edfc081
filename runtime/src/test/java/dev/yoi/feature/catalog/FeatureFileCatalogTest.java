package dev.yoi.feature.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.McpServer;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.testing.Descriptors;
import dev.yoi.feature.testing.Indexes;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feature files beside the plugin jars: read like a jar's index, with the source the host gives. */
class FeatureFileCatalogTest {
  @TempDir Path dir;

  static IndexLine pinned(String slug) {
    FeatureDescriptor d = new FeatureDescriptor(slug, "Everything", "2.0.0", "", RuntimeKind.MCP_BRIDGE, "",
        List.of(new ToolDescriptor("echo", "Echoes", "", JsonNode.class.getName(),
            CanonicalJson.parse("{\"type\":\"object\"}"), List.of())),
        List.of(), List.of(), List.of(), List.of(), List.of(),
        new McpServer.Stdio("node", List.of("index.js"), "", List.of()));
    return IndexLine.of("yoi-mcp-pin", "", d);
  }

  Path file(String name, IndexLine... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, IndexFile.write(List.of(lines)));
    return file;
  }

  @Test
  void aFeatureFileIsReadWithTheSourceTheHostGivesIt() throws Exception {
    Path file = file("everything" + IndexLine.FEATURE_FILE_SUFFIX, pinned("everything"));

    FeatureCatalog catalog = FeatureCatalog.read(List.of(), List.of(new FeatureFile(file, FeatureSource.USER)));

    CatalogEntry entry = catalog.entry("user:everything").orElseThrow();
    assertEquals(FeatureSource.USER, entry.source());
    assertEquals(file.toUri().toString(), entry.location());
    assertEquals(RuntimeKind.MCP_BRIDGE, entry.descriptor().runtime());
    assertEquals(List.of(), catalog.diagnostics());
  }

  @Test
  void aFeatureFilesEntryHasNoCodeToLoad() throws Exception {
    Path file = file("everything" + IndexLine.FEATURE_FILE_SUFFIX, pinned("everything"));

    CatalogEntry entry = FeatureCatalog.read(List.of(), List.of(new FeatureFile(file, FeatureSource.PROJECT)))
        .entry("project:everything").orElseThrow();

    ClassLoader loader = entry.loader().loader();
    assertThrows(ClassNotFoundException.class, () -> loader.loadClass(FeatureFileCatalogTest.class.getName()));
    assertEquals(null, loader.getResource(IndexLine.INDEX_PATH));
  }

  @Test
  void aFeatureFileCannotHoldAJvmFeature() throws Exception {
    Path file = file("sneaky" + IndexLine.FEATURE_FILE_SUFFIX, Descriptors.feature("sneaky").line());

    FeatureCatalog catalog = FeatureCatalog.read(List.of(), List.of(new FeatureFile(file, FeatureSource.PROJECT)));

    assertEquals(List.of(), catalog.entries());
    Diagnostic corrupt = catalog.diagnostics("project:sneaky").get(0);
    assertEquals("yoi/index-corrupt", corrupt.code());
    assertTrue(corrupt.message().contains("runtime is jvm_plugin"), corrupt.message());
  }

  @Test
  void theSameIdInAJarAndAFeatureFileIsADuplicate() throws Exception {
    Path plugin = Indexes.dir(dir, "p", Descriptors.feature("everything").line());
    Path file = file("everything" + IndexLine.FEATURE_FILE_SUFFIX, pinned("everything"));
    try (URLClassLoader loader = Indexes.loader(plugin)) {
      FeatureCatalog catalog = FeatureCatalog.read(List.of(new FeatureLoader(loader, FeatureSource.PROJECT)),
          List.of(new FeatureFile(file, FeatureSource.PROJECT)));

      assertEquals(2, catalog.entries("project:everything").size());
      assertEquals("yoi/duplicate-feature", catalog.diagnostics("project:everything").get(0).code());
    }
  }

  @Test
  void anUnreadableFeatureFileIsOneDiagnostic() {
    Path missing = dir.resolve("gone" + IndexLine.FEATURE_FILE_SUFFIX);

    FeatureCatalog catalog = FeatureCatalog.read(List.of(), List.of(new FeatureFile(missing, FeatureSource.PROJECT)));

    assertEquals(List.of(), catalog.entries());
    assertEquals("yoi/index-corrupt", catalog.unattributedDiagnostics().get(0).code());
    assertTrue(catalog.unattributedDiagnostics().get(0).message().contains("the feature file " + missing
        + " could not be read"));
  }
}
