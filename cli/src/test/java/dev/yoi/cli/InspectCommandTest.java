package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir Path dir;

  @Test
  void jsonListsEachFeatureWithItsIdDigestAndDescriptor() throws IOException {
    Path jar = PluginJars.jar(dir, "planner.jar", PluginJars.feature("planner", "PlanCreate", "PlanList"));

    Cli.Result result = Cli.run("inspect", "--format", "json", "--source", "user", jar.toString());

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    JsonNode root = new ObjectMapper().readTree(result.out());
    JsonNode feature = root.get("features").get(0);
    assertEquals("user:planner", feature.get("id").asText());
    assertEquals(PluginJars.line(PluginJars.feature("planner", "PlanCreate", "PlanList")).digest(),
        feature.get("digest").asText());
    assertEquals("PlanCreate", feature.at("/descriptor/tools/0/name").asText());
    assertEquals(0, root.get("problems").size());
  }

  @Test
  void jsonCarriesProblemsInsteadOfPrintingThem() throws IOException {
    Path jar = PluginJars.write(dir.resolve("plain.jar"), java.util.Map.of("A.class", new byte[] {1}));

    Cli.Result result = Cli.run("inspect", "--format", "json", jar.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    JsonNode problem = new ObjectMapper().readTree(result.out()).get("problems").get(0);
    assertEquals("yoi/index-corrupt", problem.get("code").asText());
    assertEquals("", result.err());
  }

  @Test
  void aFeatureWhoseDescriptorClassIsMissingIsReportedNotListed() throws IOException {
    IndexLine line = PluginJars.line(PluginJars.feature("planner", "PlanCreate"));
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(IndexLine.INDEX_PATH, (IndexFile.writeLine(line) + "\n").getBytes(StandardCharsets.UTF_8));
    entries.putAll(PluginJars.classFiles(line.descriptor()));
    Path jar = PluginJars.write(dir.resolve("no-descriptor.jar"), entries);

    Cli.Result result = Cli.run("inspect", jar.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertEquals("No features found.\n", result.out());
    assertTrue(result.err().contains("[yoi/index-corrupt] feature project:planner (index line 1 of jar:"), result.err());
    assertTrue(result.err().contains("its descriptor class com.acme.PlannerFeature_FeatureDescriptor is not there"),
        result.err());
  }

  @Test
  void theTableFitsAHundredColumns() throws IOException {
    Path jar = PluginJars.jar(dir, "big.jar", PluginJars.feature("a-feature-with-a-rather-long-identifier",
        "FirstToolWithALongName", "SecondToolWithALongName", "ThirdToolWithALongName", "FourthTool"));

    Cli.Result result = Cli.run("inspect", "--long", jar.toString());

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertTrue(result.out().startsWith("FEATURE"), result.out());
    for (String line : result.out().split("\n")) {
      assertTrue(line.length() <= 100, "longer than 100 columns: " + line);
    }
  }

  @Test
  void longBreaksALongIndexUrlAfterASeparatorNeverInsideAName() throws IOException {
    Path deep = dir.resolve("plugins-in-a-directory-with-a-rather-long-name")
        .resolve("and-another-directory-with-a-long-name");
    Path jar = PluginJars.jar(deep, "planner-plugin-with-a-long-file-name.jar", PluginJars.feature("planner", "PlanCreate"));

    Cli.Result result = Cli.run("inspect", "--long", jar.toString());

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    List<String> lines = result.out().lines().toList();
    int first = lines.indexOf(lines.stream().filter(l -> l.startsWith("  index       ")).findFirst().orElseThrow());
    int last = first;
    while (lines.get(last + 1).startsWith(" ".repeat(14))) {
      last++;
    }
    List<String> item = lines.subList(first, last + 1).stream().map(l -> l.substring(14)).toList();
    assertTrue(item.size() > 1, "a long URL wraps: " + item);
    String joined = String.join("", item);
    assertTrue(joined.startsWith("jar:file:/") && joined.endsWith(
        "/planner-plugin-with-a-long-file-name.jar!/META-INF/yoi/features.jsonl (line 1)"), result.out());
    for (String piece : item.subList(0, item.size() - 1)) {
      assertTrue(piece.endsWith("/"), "broken inside a name: " + item);
    }
  }

  @Test
  void textAndTableNameTheSameFormatInInspectAndReport() {
    Cli.Result inspectText = Cli.run("inspect", "--format", "text");
    Cli.Result inspectTable = Cli.run("inspect", "--format", "table");
    Cli.Result reportText = Cli.run("report", "--format", "text");
    Cli.Result reportTable = Cli.run("report", "--format", "TABLE");

    assertEquals(ExitCodes.OK, inspectTable.exitCode(), inspectTable.all());
    assertEquals(inspectText.out(), inspectTable.out());
    assertTrue(inspectTable.out().startsWith("FEATURE"), inspectTable.out());
    assertEquals(ExitCodes.OK, reportTable.exitCode(), reportTable.all());
    assertEquals(reportText.out(), reportTable.out());
    String help = Cli.run("inspect", "--help").out();
    assertTrue(help.contains("text (a table that fits 100 columns)"), help);
  }

  @Test
  void anUnknownFormatIsAUsageErrorListingTheFormats() {
    Cli.Result result = Cli.run("inspect", "--format", "xml");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().contains("expected one of text, json, dot but was 'xml'"), result.err());
  }

  @Test
  void dotDrawsAnArrowFromConsumerToProviderOfEachService() throws IOException {
    Cli.Result result = Cli.run("inspect", "--format", "dot");

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertTrue(result.out().startsWith("digraph yoi {"), result.out());
    assertTrue(result.out().contains(
        "\"builtin:task-reminders\" -> \"builtin:task-tools\" [label=\"builtin:task-store ^1.0\"];"), result.out());
  }
}
