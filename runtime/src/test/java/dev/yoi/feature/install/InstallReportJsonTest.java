package dev.yoi.feature.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.testing.Descriptors;
import dev.yoi.feature.testing.Indexes;
import dev.yoi.feature.testing.RecordingHost;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallReportJsonTest {
  @TempDir Path dir;

  private InstallReport sample() throws Exception {
    Path index = Indexes.dirWithText(dir, "b",
        dev.yoi.descriptor.IndexFile.write(List.of(
            Descriptors.feature("planner").tool("Plan").requires("builtin:store", "^1").line()))
            + "not json\n");
    try (URLClassLoader loader = Indexes.loader(index)) {
      return FeatureRegistry.install(List.of(new FeatureLoader(loader, FeatureSource.BUILTIN)),
          Enablement.defaults(), AuthorityPolicy.grantRequested(), new RecordingHost());
    }
  }

  @Test
  void theJsonHasTheDocumentedFieldsInTheDocumentedOrder() throws Exception {
    JsonNode json = new ObjectMapper().readTree(sample().toJson());

    assertEquals(List.of("schema", "features", "installOrder", "diagnostics"), names(json));
    assertEquals(1, json.get("schema").intValue());
    JsonNode planner = json.get("features").get(0);
    assertEquals(List.of("id", "source", "name", "version", "runtime", "digest", "locations", "enabled",
        "installed", "granted", "denied", "contributions", "services", "diagnostics"), names(planner));
    assertEquals("builtin:planner", planner.get("id").asText());
    assertEquals("builtin", planner.get("source").asText());
    assertEquals("jvm_plugin", planner.get("runtime").asText());
    assertEquals(List.of("kind", "name", "className", "status", "reason"), names(planner.get("contributions").get(0)));
    assertEquals("tool", planner.get("contributions").get(0).get("kind").asText());
    assertEquals("not-installed", planner.get("contributions").get(0).get("status").asText());
    assertEquals(List.of("id", "range", "type", "optional", "status", "provider", "providerVersion"),
        names(planner.get("services").get(0)));
    assertEquals("missing", planner.get("services").get(0).get("status").asText());
    JsonNode diagnostic = json.get("diagnostics").get(0);
    assertEquals(List.of("code", "severity", "featureId", "message"), names(diagnostic));
    assertEquals("yoi/index-corrupt", diagnostic.get("code").asText());
    assertEquals("ERROR", diagnostic.get("severity").asText());
  }

  @Test
  void theJsonReadsBackIntoAnEqualReport() throws Exception {
    InstallReport report = sample();

    assertEquals(report, InstallReport.fromJson(report.toJson()));
  }

  @Test
  void theJsonIsIndentedWithLineFeedsOnly() throws Exception {
    String json = sample().toJson();

    assertTrue(json.startsWith("{\n  \"schema\": 1,\n  \"features\": [\n"), json);
    assertTrue(json.endsWith("}\n"));
    assertTrue(!json.contains("\r"));
  }

  @Test
  void aPlainObjectMapperWritesTheSameSchema() throws Exception {
    InstallReport report = sample();

    assertEquals(new ObjectMapper().readTree(report.toJson()),
        new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report)));
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
