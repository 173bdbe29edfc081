package dev.yoi.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.tool.ToolResult;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tool input as models send it, through {@link Pod#callTool}: {@code null} for an optional
 * component, and {@code java.time} values, {@code UUID} and {@code URI} as ISO strings, decoded into
 * the tool's record by Jackson's own modules.
 */
class PodModelShapedInputTest {
  static final String TRIPS = """
      package shaped.trips;

      import dev.yoi.feature.FeatureModule;
      import dev.yoi.feature.InstallContext;
      import dev.yoi.feature.annotation.Feature;
      import dev.yoi.feature.annotation.ToolContribution;
      import dev.yoi.pod.tool.Tool;
      import dev.yoi.pod.tool.ToolContext;
      import dev.yoi.pod.tool.ToolResult;
      import java.net.URI;
      import java.time.Duration;
      import java.time.LocalDate;
      import java.time.OffsetDateTime;
      import java.util.Optional;
      import java.util.UUID;

      @Feature(id = "trips", name = "Trips")
      public class TripsFeature implements FeatureModule {
        public record Input(String city, Optional<String> branch, LocalDate day,
            Optional<OffsetDateTime> leaves, Optional<Duration> stay, Optional<UUID> booking,
            Optional<URI> link) {}

        @ToolContribution(name = "Plan", description = "Plans a trip")
        public static final class Plan implements Tool<Input> {
          @Override
          public ToolResult call(Input in, ToolContext context) {
            return ToolResult.text(in.city()
                + " branch=" + in.branch().map(b -> "[" + b + "]").orElse("empty")
                + " day=" + in.day() + " (" + in.day().getDayOfWeek() + ")"
                + " leaves=" + in.leaves().map(Object::toString).orElse("-")
                + " stay=" + in.stay().map(d -> d.toHours() + "h").orElse("-")
                + " booking=" + in.booking().map(UUID::version).map(String::valueOf).orElse("-")
                + " link=" + in.link().map(URI::getHost).orElse("-"));
          }
        }

        @Override
        public void install(InstallContext context) {
          context.tools().register(new Plan());
        }
      }
      """;

  @TempDir static Path classes;
  static URLClassLoader trips;

  @BeforeAll
  static void compileFeature() {
    trips = FeatureCompiler.loader(FeatureCompiler.compile(classes.resolve("trips"),
        FeatureCompiler.source("shaped.trips.TripsFeature", TRIPS)));
  }

  @AfterAll
  static void closeLoader() throws IOException {
    trips.close();
  }

  private static Pod pod() {
    Pod pod = Pod.builder().features(trips, FeatureSource.BUILTIN).build();
    assertTrue(pod.start().feature("builtin:trips").orElseThrow().installed());
    return pod;
  }

  @Test
  void nullForAnOptionalComponentDecodesAsAnEmptyOptional() {
    try (Pod pod = pod()) {
      ToolResult result = pod.callTool("Plan", """
          {"city": "Oslo", "branch": null, "day": "2026-05-01", "leaves": null, "stay": null,
           "booking": null, "link": null}""");

      assertEquals(ToolResult.text("Oslo branch=empty day=2026-05-01 (FRIDAY) leaves=- stay=- booking=-"
          + " link=-"), result);
    }
  }

  @Test
  void isoStringsDecodeIntoJavaTimeUuidAndUri() {
    try (Pod pod = pod()) {
      ToolResult result = pod.callTool("Plan", """
          {"city": "Oslo", "branch": "main", "day": "2026-05-01", "leaves": "2026-05-01T10:15:00+02:00",
           "stay": "PT36H", "booking": "3f2b8c1e-9d4a-4c6b-8e21-5a7f0c9d1b23",
           "link": "https://trips.example/oslo"}""");

      // The offset is the one sent: not normalised to UTC.
      assertEquals(ToolResult.text("Oslo branch=[main] day=2026-05-01 (FRIDAY)"
          + " leaves=2026-05-01T10:15+02:00 stay=36h booking=4 link=trips.example"), result);
    }
  }

  @Test
  void theSchemaTheModelSeesAllowsNullForOptionalsAndNamesTheFormats() {
    try (Pod pod = pod()) {
      JsonNode schema = pod.toolDefinitions().get(0).inputSchema();

      assertEquals("[\"string\",\"null\"]", schema.at("/properties/branch/type").toString());
      assertEquals("date", schema.at("/properties/day/format").asText());
      assertEquals("date-time", schema.at("/properties/leaves/format").asText());
      assertEquals("[\"city\",\"day\"]", schema.get("required").toString());
    }
  }

  @Test
  void nullForARequiredComponentIsRefusedByTheSchema() {
    try (Pod pod = pod()) {
      ToolResult result = pod.callTool("Plan", "{\"city\": null, \"day\": \"2026-05-01\"}");

      assertTrue(result.isError());
      assertTrue(result.text().contains("/city"), result.text());
    }
  }

  @Test
  void aDateThatIsNotIsoIsAnErrorResultTheModelCanRead() {
    try (Pod pod = pod()) {
      ToolResult result = pod.callTool("Plan", "{\"city\": \"Oslo\", \"day\": \"01/05/2026\"}");

      assertTrue(result.isError());
      assertTrue(result.text().startsWith("input for tool \"Plan\" matches its schema but cannot be decoded"),
          result.text());
      assertTrue(result.text().contains("01/05/2026"), result.text());
      assertFalse(result.text().contains("\n"), result.text());
    }
  }
}
