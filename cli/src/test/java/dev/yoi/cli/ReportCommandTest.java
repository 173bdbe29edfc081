package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.InstallReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path dir;

  @Test
  void anEnabledPluginWithoutApprovalWouldNotInstall() throws IOException {
    Path manifest = Files.writeString(dir.resolve("pod.json"),
        "{\"features\": {\"enable\": [\"project:weather\"]}, \"approvals\": \"features.lock.json\"}");

    Cli.Result result = Cli.run("report", "--manifest", manifest.toString(), "--format", "json",
        "--project", BuiltJars.require(BuiltJars.WEATHER).toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode(), result.all());
    InstallReport report = InstallReport.fromJson(result.out());
    assertFalse(report.feature("project:weather").orElseThrow().installed());
    assertTrue(report.feature("project:weather").orElseThrow().hasDiagnostic("yoi/approval-required"),
        result.out());
    assertTrue(report.feature("builtin:task-tools").orElseThrow().installed());
  }

  @Test
  void aPluginThatIsNotEnabledIsNotShownAsRequestingNoAuthority() {
    Cli.Result result = Cli.run("report", "--project", BuiltJars.require(BuiltJars.WEATHER).toString());

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    String row = result.out().lines().filter(l -> l.startsWith("project:weather")).findFirst().orElseThrow();
    assertTrue(row.matches("project:weather +not enabled +nothing granted"), row);
    assertFalse(row.contains("no authority requested"), row);
  }

  @Test
  void aMisspeltEnabledIdIsAProblemThatListsTheIdsThereAre() throws IOException {
    Path manifest = Files.writeString(dir.resolve("pod.json"), "{\"features\": {\"enable\": [\"project:wether\"]}}");

    Cli.Result result = Cli.run("report", "--manifest", manifest.toString(), "--format", "json",
        "--project", BuiltJars.require(BuiltJars.WEATHER).toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode(), result.all());
    assertTrue(result.err().contains("yoi report: [yoi/manifest-invalid] the Pod manifest's"
        + " features.enable names project:wether, but no index given to the Pod defines that feature"),
        result.err());
    assertTrue(result.err().contains("project:weather"), result.err());
    InstallReport.fromJson(result.out()); // still one JSON document on stdout
  }

  @Test
  void toolRulesWithTheirEnforcerDisabledAreAProblem() throws IOException {
    Path manifest = Files.writeString(dir.resolve("pod.json"), "{\"features\": {\"disable\":"
        + " [\"builtin:manifest-permissions\"]}, \"tools\": {\"deny\": [\"Memory*\"]}}");

    Cli.Result result = Cli.run("report", "--manifest", manifest.toString(),
        "--project", BuiltJars.require(BuiltJars.WEATHER).toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode(), result.all());
    assertTrue(result.err().contains("disables builtin:manifest-permissions, the feature that enforces"
        + " them, so every tool may be called"), result.err());
  }

  @Test
  void aManifestThatIsADirectoryOrMissingIsAUsageErrorSayingWhich() {
    Cli.Result directory = Cli.run("report", "--manifest", dir.toString());
    Cli.Result missing = Cli.run("report", "--manifest", dir.resolve("pod.json").toString());

    assertEquals(ExitCodes.USAGE, directory.exitCode());
    assertEquals("yoi report: --manifest " + dir + ": is a directory; name the manifest file in it"
        + " (e.g. pod.json)\n", directory.err());
    assertEquals(ExitCodes.USAGE, missing.exitCode());
    assertEquals("yoi report: --manifest " + dir.resolve("pod.json") + ": no such file\n", missing.err());
  }

  @Test
  void onceApprovedTheSameManifestWouldInstallEverything() throws IOException {
    Path manifest = Files.writeString(dir.resolve("pod.json"),
        "{\"features\": {\"enable\": [\"project:weather\", \"user:journal\"]}, \"approvals\": \"features.lock.json\"}");
    Path lock = dir.resolve("features.lock.json");
    String plugins = BuiltJars.PLUGINS.resolve("").toString();
    BuiltJars.require(BuiltJars.WEATHER);
    assertEquals(ExitCodes.OK, Cli.run("approve", "project:weather", "--lock", lock.toString(),
        "--project", plugins + "/project", "--yes").exitCode());
    assertEquals(ExitCodes.OK, Cli.run("approve", "user:journal", "--lock", lock.toString(),
        "--user", plugins + "/user", "--yes").exitCode());

    Cli.Result result = Cli.run("report", "--manifest", manifest.toString(),
        "--project", plugins + "/project", "--user", plugins + "/user");

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertTrue(result.out().startsWith("FEATURE"), result.out());
    assertTrue(result.out().contains("project:weather               installed"), result.out());
    assertTrue(result.out().contains("user:journal                  installed"), result.out());
  }

  @Test
  void anInvalidManifestIsAUsageErrorNamingEachProblem() throws IOException {
    Path manifest = Files.writeString(dir.resolve("pod.json"), "{\"features\": {\"enable\": [\"weather\"]}}");

    Cli.Result result = Cli.run("report", "--manifest", manifest.toString());

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().startsWith("[yoi/manifest-invalid] Pod manifest " + manifest), result.err());
    assertTrue(result.err().contains("\"weather\" is not a qualified id"), result.err());
  }
}
