package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.Approval;
import dev.yoi.feature.grant.ApprovalLock;
import dev.yoi.pod.LlmResponse;
import dev.yoi.pod.Pod;
import dev.yoi.pod.PodManifest;
import dev.yoi.pod.ScriptedLlmClient;
import dev.yoi.pod.SecretResolver;
import dev.yoi.pod.tool.ToolResult;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugins as a host runs them: each jar through its own class loader, with the source
 * the host gives it, enabled in a manifest and approved in a lock.
 */
class ExamplePluginsTest {
  @TempDir Path dir;
  private URLClassLoader weatherLoader;
  private URLClassLoader journalLoader;

  @BeforeEach
  void openLoaders() throws IOException {
    ClassLoader host = ExamplePluginsTest.class.getClassLoader();
    weatherLoader = new URLClassLoader(new URL[] {BuiltJars.require(BuiltJars.WEATHER).toUri().toURL()}, host);
    journalLoader = new URLClassLoader(new URL[] {BuiltJars.require(BuiltJars.JOURNAL).toUri().toURL()}, host);
  }

  @AfterEach
  void closeLoaders() throws IOException {
    weatherLoader.close();
    journalLoader.close();
  }

  @Test
  void weatherUsesItsKeyWhenTheOptionalSecretIsApprovedAndConfigured() throws IOException {
    approve("project:weather", Set.of("NETWORK:api.weather.example", "SECRET_REF:weather-api-key"));

    try (Pod pod = pod(SecretResolver.fromMap(Map.of("WEATHER_API_KEY", "k-123")))) {
      FeatureReport weather = pod.start().feature("project:weather").orElseThrow();
      ToolResult result = pod.callTool("WeatherForecast", "{\"city\":\"Lisbon\",\"days\":1,\"units\":\"FAHRENHEIT\"}");

      assertTrue(weather.installed(), weather.diagnostics().toString());
      assertTrue(result.text().startsWith("Weather for Lisbon (sample data; an API key is configured"), result.text());
      assertTrue(result.text().endsWith("°F"), result.text());
    }
  }

  @Test
  void weatherWithoutItsOptionalSecretStillAnswers() throws IOException {
    approve("project:weather", Set.of("NETWORK:api.weather.example"));

    try (Pod pod = pod(SecretResolver.fromMap(Map.of("WEATHER_API_KEY", "k-123")))) {
      FeatureReport weather = pod.start().feature("project:weather").orElseThrow();

      assertTrue(weather.installed());
      assertEquals(List.of("SECRET_REF:weather-api-key"), weather.denied());
      assertTrue(pod.callTool("WeatherForecast", "{\"city\":\"Lisbon\"}").text()
          .contains("no API key configured"));
    }
  }

  @Test
  void weatherWithoutItsRequiredNetworkIsNotInstalled() throws IOException {
    approve("project:weather", Set.of("SECRET_REF:weather-api-key"));

    try (Pod pod = pod(SecretResolver.fromMap(Map.of()))) {
      FeatureReport weather = pod.start().feature("project:weather").orElseThrow();

      assertFalse(weather.installed());
      assertTrue(weather.hasDiagnostic("yoi/authority-denied"), weather.diagnostics().toString());
      assertTrue(pod.callTool("WeatherForecast", "{\"city\":\"Lisbon\"}").isError());
    }
  }

  @Test
  void aBadForecastInputIsAModelVisibleError() throws IOException {
    approve("project:weather", Set.of("NETWORK:api.weather.example"));

    try (Pod pod = pod(SecretResolver.fromMap(Map.of()))) {
      pod.start();

      assertEquals("days is 9; ask for 1 to 7 days",
          pod.callTool("WeatherForecast", "{\"city\":\"Lisbon\",\"days\":9}").text());
      assertTrue(pod.callTool("WeatherForecast", "{\"town\":\"Lisbon\"}").isError());
    }
  }

  @Test
  void theJournalsHooksRecordEveryToolResultAndTurnInItsOwnStoreAcrossRestarts() throws IOException {
    approve("user:journal", Set.of("STATE_STORE:journal"));
    ScriptedLlmClient model = new ScriptedLlmClient(
        LlmResponse.toolCall("TaskList", "{}"), LlmResponse.text("Nothing on your list."));

    try (Pod pod = podBuilder(SecretResolver.fromMap(Map.of())).model(model).build()) {
      assertTrue(pod.start().feature("user:journal").orElseThrow().installed());
      pod.runTurn("What is on my list?");
    }
    try (Pod restarted = pod(SecretResolver.fromMap(Map.of()))) {
      restarted.start();
      ToolResult journal = restarted.callTool("JournalRead", "{}");

      assertEquals("1. tool TaskList returned: No tasks yet.\n"
          + "2. turn 1: 1 tool call(s) for \"What is on my list?\"", journal.text());
    }
  }

  @Test
  void eachPluginGetsTheSourceOfItsLoaderNotOneItChooses() {
    FeatureCatalog catalog = FeatureCatalog.read(List.of(
        new FeatureLoader(weatherLoader, FeatureSource.PROJECT), new FeatureLoader(journalLoader, FeatureSource.USER)));

    assertEquals(List.of("project:weather", "user:journal"),
        catalog.entries().stream().map(CatalogEntry::id).toList());
  }

  private void approve(String id, Set<String> granted) throws IOException {
    ClassLoader loader = id.startsWith("project:") ? weatherLoader : journalLoader;
    FeatureSource source = FeatureSource.ofQualifiedId(id);
    CatalogEntry entry = FeatureCatalog.read(List.of(new FeatureLoader(loader, source))).entry(id).orElseThrow();
    Approval approval = new Approval(id, entry.digest(), granted.stream().map(AuthorityLabel::parse).toList(), entry.descriptor());
    if (source == FeatureSource.PROJECT) {
      ApprovalLock.approve(dir.resolve("approvals.json"), dir, approval);
    } else {
      ApprovalLock.approve(dir.resolve("approvals.json"), approval);
    }
  }

  private Pod pod(SecretResolver secrets) {
    return podBuilder(secrets).build();
  }

  private Pod.Builder podBuilder(SecretResolver secrets) {
    return Pod.builder()
        .features(ExamplePluginsTest.class.getClassLoader(), FeatureSource.BUILTIN)
        .features(weatherLoader, FeatureSource.PROJECT)
        .features(journalLoader, FeatureSource.USER)
        .manifest(PodManifest.parse("{\"features\": {\"enable\": [\"project:weather\", \"user:journal\"]}}",
            "test manifest", dir))
        .userApprovals(dir.resolve("approvals.json"))
        .projectDirectory(dir)
        .dataDirectory(dir.resolve("data"))
        .secrets(secrets);
  }
}
