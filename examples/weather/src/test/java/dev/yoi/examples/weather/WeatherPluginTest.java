package dev.yoi.examples.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.Severity;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.pod.LlmResponse;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.tool.ToolResult;
import dev.yoi.testkit.YoiTestPod;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The weather plugin as a host runs it: loaded from target/classes as a project plugin. */
class WeatherPluginTest {
  private static final String NETWORK = "NETWORK:api.weather.example";

  @Test
  void installsAsAProjectPluginWithTheNetworkAndWithoutTheOptionalKey() {
    try (YoiTestPod pod = YoiTestPod.project().grant(NETWORK).start()) {
      FeatureReport weather = pod.feature("weather");
      assertEquals("project:weather", weather.id());
      assertEquals(FeatureSource.PROJECT, weather.source());
      assertEquals(List.of(NETWORK), weather.granted());
      assertEquals(List.of("SECRET_REF:weather-api-key"), weather.denied());
      assertEquals(Severity.WARNING, weather.diagnostics("yoi/authority-denied").get(0).severity());
      assertTrue(pod.callTool("WeatherForecast", "{\"city\":\"Lisbon\"}").text()
          .startsWith("Weather for Lisbon (sample data; no API key configured for api.weather.example):"));
    }
  }

  @Test
  void withTheKeyGrantedAndSetTheToolKnowsAKeyIsConfigured() {
    try (YoiTestPod pod = YoiTestPod.project().grantAll().secret("weather-api-key", "k-123").start()) {
      assertEquals(List.of(NETWORK, "SECRET_REF:weather-api-key"), pod.feature("weather").granted());
      assertTrue(pod.callTool("WeatherForecast", "{\"city\":\"Lisbon\"}").text()
          .contains("an API key is configured"));
    }
  }

  @Test
  void withoutTheNetworkItDoesNotInstallAndItsToolIsUnknown() {
    try (YoiTestPod pod = YoiTestPod.project().grant(AuthorityKind.SECRET_REF, "weather-api-key")
        .allowInstallFailures().start()) {
      FeatureReport weather = pod.feature("weather");
      assertFalse(weather.installed());
      assertEquals(Severity.ERROR, weather.diagnostics("yoi/authority-denied").get(0).severity());
      assertTrue(weather.diagnostics("yoi/authority-denied").get(0).message().contains(NETWORK));
      assertTrue(pod.callTool("WeatherForecast", "{\"city\":\"Lisbon\"}").isError());
    }
  }

  @Test
  void oneLinePerDayInTheUnitsAsked() {
    try (YoiTestPod pod = YoiTestPod.project().grantAll().start()) {
      ToolResult result = pod.callTool("WeatherForecast", "{\"city\":\"Oslo\",\"days\":2,\"units\":\"FAHRENHEIT\"}");
      List<String> lines = result.text().lines().toList();
      assertFalse(result.isError());
      assertEquals(3, lines.size(), result.text());
      assertTrue(lines.get(1).startsWith("today: ") && lines.get(1).endsWith(" °F"), lines.get(1));
      assertTrue(lines.get(2).startsWith("day +1: "), lines.get(2));
      assertEquals(result.text(), pod.callTool("WeatherForecast",
          "{\"city\":\"Oslo\",\"days\":2,\"units\":\"FAHRENHEIT\"}").text(), "sample data is deterministic");
    }
  }

  @Test
  void nullForAnOptionalFieldTakesTheDefault() {
    try (YoiTestPod pod = YoiTestPod.project().grantAll().start()) {
      ToolResult result = pod.callTool("WeatherForecast", "{\"city\":\"Lisbon\",\"days\":null,\"units\":null}");
      assertFalse(result.isError(), result.text());
      assertEquals(4, result.text().lines().count(), "three days by default: " + result.text());
      assertTrue(result.text().contains("°C"));
    }
  }

  @Test
  void badInputIsAnErrorResultTheModelCanActOn() {
    try (YoiTestPod pod = YoiTestPod.project().grantAll().start()) {
      assertEquals("days is 9; ask for 1 to 7 days",
          pod.callTool("WeatherForecast", "{\"city\":\"Lisbon\",\"days\":9}").text());
      assertEquals("city is blank: name a city, e.g. \"Lisbon\"",
          pod.callTool("WeatherForecast", "{\"city\":\"  \"}").text());
      ToolResult noCity = pod.callTool("WeatherForecast", "{\"days\":2}");
      assertTrue(noCity.isError());
      assertTrue(noCity.text().contains("city"), noCity.text());
    }
  }

  @Test
  void aScriptedTurnRecordsTheCallAndItsResult() {
    try (YoiTestPod pod = YoiTestPod.project().grantAll()
        .script(LlmResponse.toolCall("WeatherForecast", "{\"city\":\"Lisbon\",\"days\":1}"),
            LlmResponse.text("Sunny enough."))
        .start()) {
      pod.runTurn("Weather in Lisbon today?");
      List<HistoryEntry.ToolCall> calls = pod.history(HistoryEntry.ToolCall.class);
      assertEquals(List.of(new HistoryEntry.ToolCall("call-1", "WeatherForecast", "{\"city\":\"Lisbon\",\"days\":1}")), calls);
      HistoryEntry.ToolResult result = pod.history(HistoryEntry.ToolResult.class).get(0);
      assertFalse(result.error());
      assertTrue(result.text().startsWith("Weather for Lisbon"), result.text());
      assertEquals(new HistoryEntry.AssistantMessage("Sunny enough."), pod.history().get(pod.history().size() - 1));
      assertTrue(pod.modelRequests().get(0).tools().stream().anyMatch(t -> t.name().equals("WeatherForecast")));
      assertEquals(List.of(), pod.alerts());
    }
  }
}
