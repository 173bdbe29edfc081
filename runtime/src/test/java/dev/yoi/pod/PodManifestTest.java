package dev.yoi.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.install.Enablement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodManifestTest {
  @TempDir Path directory;

  static final String EXAMPLE = """
      {"features": {"enable": ["project:weather"], "disable": ["builtin:memory"]},
       "tools": {"allow": ["*"], "deny": ["Shell*"]},
       "approvals": "features.lock.json"}""";

  @Test
  void theDocumentedExampleReads() throws IOException {
    Path file = Files.writeString(directory.resolve("pod.json"), EXAMPLE);

    PodManifest manifest = PodManifest.read(file);

    assertEquals(List.of("project:weather"), manifest.enable());
    assertEquals(List.of("builtin:memory"), manifest.disable());
    assertEquals(List.of("*"), manifest.allowTools());
    assertEquals(List.of("Shell*"), manifest.denyTools());
    assertEquals(Optional.of(directory.resolve("features.lock.json")), manifest.approvals());
  }

  @Test
  void theEnablementRunsBuiltinsUnlessDisabledAndPluginsOnlyWhenEnabled() {
    Enablement enablement = PodManifest.parse(EXAMPLE, "pod.json", directory).enablement();

    assertTrue(enablement.isEnabled("builtin:task-tools", FeatureSource.BUILTIN));
    assertFalse(enablement.isEnabled("builtin:memory", FeatureSource.BUILTIN));
    assertTrue(enablement.isEnabled("project:weather", FeatureSource.PROJECT));
    assertFalse(enablement.isEnabled("user:journal", FeatureSource.USER));
  }

  @Test
  void anUnknownFieldIsAnErrorNamingTheField() {
    ManifestException e = assertThrows(ManifestException.class, () -> PodManifest.parse(
        "{\"features\": {\"enabel\": [\"project:weather\"]}, \"tool\": {}}", "pod.json", directory));

    assertEquals("yoi/manifest-invalid", e.code());
    assertTrue(e.getMessage().startsWith("[yoi/manifest-invalid] Pod manifest pod.json has 2 problems:"),
        e.getMessage());
    assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("unknown field \"features.enabel\";"
        + " expected one of: disable, enable")), e.problems().toString());
    assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("unknown field \"tool\";"
        + " expected one of: approvals, features, tools")), e.problems().toString());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ManifestException e = assertThrows(ManifestException.class, () -> PodManifest.parse("""
        {"features": {"enable": ["weather", "project:a"], "disable": ["project:a", 3]},
         "tools": {"allow": "Task*", "deny": ["rm -rf"]},
         "approvals": 42}""", "pod.json", directory));

    List<String> problems = e.problems();
    assertEquals(6, problems.size(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("\"weather\" is not a qualified id")));
    assertTrue(problems.stream().anyMatch(p -> p.contains("\"features.disable\"[1] must be a string")));
    assertTrue(problems.stream().anyMatch(p -> p.contains("project:a is in both")));
    assertTrue(problems.stream().anyMatch(p -> p.contains("\"tools.allow\" must be an array")));
    assertTrue(problems.stream().anyMatch(p -> p.contains("\"rm -rf\" is not a tool name glob")));
    assertTrue(problems.stream().anyMatch(p -> p.contains("\"approvals\" must be")));
  }

  @Test
  void notJsonIsAnError() {
    ManifestException e = assertThrows(ManifestException.class,
        () -> PodManifest.parse("{\"features\": ", "pod.json", directory));
    assertTrue(e.getMessage().contains("is not valid JSON"), e.getMessage());
  }

  @Test
  void aMissingFileIsAnErrorNamingIt() {
    Path missing = directory.resolve("missing.json");
    ManifestException e = assertThrows(ManifestException.class, () -> PodManifest.read(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void anEmptyObjectIsTheDefaults() {
    assertEquals(PodManifest.empty(), PodManifest.parse("{}", "pod.json", directory));
  }

  @Test
  void anAbsoluteApprovalsPathIsKept() {
    Path lock = directory.resolve("elsewhere/lock.json").toAbsolutePath();
    String json = "{\"approvals\": \"" + lock.toString().replace("\\", "\\\\") + "\"}";
    assertEquals(Optional.of(lock), PodManifest.parse(json, "pod.json", Path.of("/ignored")).approvals());
  }
}
