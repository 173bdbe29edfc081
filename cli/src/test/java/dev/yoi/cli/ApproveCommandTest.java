package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.Approval;
import dev.yoi.feature.grant.ApprovalLock;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApproveCommandTest {
  @TempDir Path dir;

  @Test
  void anUnknownIdSaysWhichIdsExist() {
    Path lock = dir.resolve("features.lock.json");

    Cli.Result result = Cli.run("approve", "project:wether", "--lock", lock.toString(),
        "--project", BuiltJars.require(BuiltJars.WEATHER).toString(),
        "--user", BuiltJars.require(BuiltJars.JOURNAL).toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.err().contains("no feature project:wether in --project "), result.err());
    assertTrue(result.err().contains("Features there: project:weather, user:journal."), result.err());
    assertFalse(Files.exists(lock));
  }

  @Test
  void aFeatureWhoseIndexLineIsBrokenIsRefusedWithItsDiagnosticNotCalledUnknown() throws IOException {
    Path lock = dir.resolve("features.lock.json");
    IndexLine line = PluginJars.line(PluginJars.feature("planner", "PlanCreate"));
    String edited = IndexFile.writeLine(line).replace("Does PlanCreate", "Does anything at all");
    Path jar = PluginJars.write(dir.resolve("edited.jar"),
        Map.of(IndexLine.INDEX_PATH, (edited + "\n").getBytes(StandardCharsets.UTF_8)));

    Cli.Result result = Cli.run("approve", "project:planner", "--lock", lock.toString(),
        "--project", jar.toString(), "--yes");

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.err().contains("[yoi/digest-mismatch] feature planner"), result.err());
    assertTrue(result.err().contains("has a broken index line (above), so there is nothing sound to"
        + " approve"), result.err());
    assertFalse(result.err().contains("no feature project:planner"), result.err());
    assertFalse(Files.exists(lock));
  }

  @Test
  void withoutARequiredAuthorityIsAUsageErrorThatSaysItIsRequired() {
    Path lock = dir.resolve("features.lock.json");

    Cli.Result result = Cli.run("approve", "project:weather", "--lock", lock.toString(),
        "--project", BuiltJars.require(BuiltJars.WEATHER).toString(),
        "--without", "NETWORK:api.weather.example", "--yes");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().contains("project:weather requires NETWORK:api.weather.example, so it"
        + " cannot be left out"), result.err());
    assertFalse(Files.exists(lock));
  }

  @Test
  void approvalListsEveryAuthorityWithItsReasonAndWritesTheLock() throws IOException {
    Path lock = dir.resolve("features.lock.json");

    Cli.Result result = Cli.run("approve", "project:weather", "--lock", lock.toString(),
        "--project", BuiltJars.require(BuiltJars.WEATHER).toString(), "--yes");

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertTrue(result.out().contains("  NETWORK:api.weather.example  (required)\n"
        + "      Fetches forecasts from api.weather.example\n"), result.out());
    assertTrue(result.out().contains("  SECRET_REF:weather-api-key  (optional)\n"
        + "      Authenticates to api.weather.example; without it the tool answers with sample data\n"),
        result.out());
    Approval approval = ApprovalLock.read(lock).approval("project:weather").orElseThrow();
    assertEquals(currentWeather().digest(), approval.digest());
    assertEquals(Set.of(AuthorityLabel.parse("NETWORK:api.weather.example"),
        AuthorityLabel.parse("SECRET_REF:weather-api-key")), approval.granted());
  }

  @Test
  void withoutLeavesOutAnOptionalAuthority() throws IOException {
    Path lock = dir.resolve("features.lock.json");

    Cli.Result result = Cli.run("approve", "project:weather", "--lock", lock.toString(),
        "--project", BuiltJars.WEATHER.toString(), "--without", "SECRET_REF:weather-api-key", "-y");

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertEquals(Set.of(AuthorityLabel.parse("NETWORK:api.weather.example")),
        ApprovalLock.read(lock).approval("project:weather").orElseThrow().granted());
  }

  @Test
  void withoutATerminalOrYesNothingIsWritten() {
    Path lock = dir.resolve("features.lock.json");

    Cli.Result result = Cli.run("approve", "project:weather", "--lock", lock.toString(),
        "--project", BuiltJars.WEATHER.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.out().contains("run again with --yes"), result.out());
    assertFalse(Files.exists(lock));
  }

  @Test
  void aChangedFeatureShowsOnlyWhatChangedSinceItWasApproved() throws IOException {
    Path lock = dir.resolve("features.lock.json");
    // The lock approved an older weather that had no optional API key.
    FeatureDescriptor current = currentWeather().descriptor();
    FeatureDescriptor older = new FeatureDescriptor(current.slug(), current.name(), "0.9.0",
        current.description(), current.runtime(), current.featureClass(), current.tools(), current.hooks(),
        current.backgroundTasks(), current.providedServices(), current.requiredServices(),
        current.authorities().stream().filter(a -> !a.optional()).toList());
    ApprovalLock.approve(lock, "project:weather", Digests.of(older), older,
        older.authorities().stream().map(AuthorityRequest::label).toList());

    Cli.Result result = Cli.run("approve", "project:weather", "--lock", lock.toString(),
        "--project", BuiltJars.WEATHER.toString(), "--yes");

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    String flowed = result.out().replaceAll("\\s*\n\\s*", " ");
    assertTrue(flowed.startsWith("project:weather changed since it was approved ("
        + Digests.of(older) + " -> " + currentWeather().digest() + ")."), result.out());
    assertTrue(result.out().contains("  ~ version \"0.9.0\" -> \"1.0.0\"\n"), result.out());
    assertTrue(result.out().contains("  + authority SECRET_REF:weather-api-key (optional"), result.out());
    assertFalse(result.out().contains("It requests:"), "only the difference: " + result.out());
    assertFalse(result.out().contains("NETWORK:api.weather.example  (required)"), result.out());
  }

  private static CatalogEntry currentWeather() {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {BuiltJars.require(BuiltJars.WEATHER).toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      return FeatureCatalog.read(List.of(new FeatureLoader(loader, FeatureSource.PROJECT)))
          .entry("project:weather").orElseThrow();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
