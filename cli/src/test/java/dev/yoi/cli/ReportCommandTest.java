package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.cli.diagnostics.Javac;
import dev.yoi.feature.InstallReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    Path lock = dir.resolve("approvals.json");
    String plugins = BuiltJars.PLUGINS.resolve("").toString();
    BuiltJars.require(BuiltJars.WEATHER);
    assertEquals(ExitCodes.OK, Cli.run("approve", "project:weather", "--user-lock", lock.toString(),
        "--project-dir", dir.toString(), "--project", plugins + "/project", "--yes").exitCode());
    assertEquals(ExitCodes.OK, Cli.run("approve", "user:journal", "--user-lock", lock.toString(),
        "--user", plugins + "/user", "--yes").exitCode());

    Cli.Result result = Cli.run("report", "--manifest", manifest.toString(), "--user-lock", lock.toString(),
        "--project", plugins + "/project", "--user", plugins + "/user");

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertTrue(result.out().startsWith("FEATURE"), result.out());
    assertTrue(result.out().contains("project:weather               installed"), result.out());
    assertTrue(result.out().contains("user:journal                  installed"), result.out());
  }

  @Test
  void aClonedRepositorysShippedLockApprovesNothingUntilThePersonApprovesItThemselves() throws IOException {
    // The repository ships its manifest and a lock approving its plugin with everything it asks for.
    Path manifest = Files.writeString(dir.resolve("pod.json"),
        "{\"features\": {\"enable\": [\"project:weather\"]}, \"approvals\": \"features.lock.json\"}");
    String weather = BuiltJars.require(BuiltJars.WEATHER).toString();
    assertEquals(ExitCodes.OK, Cli.run("approve", "project:weather", "--lock", dir.resolve("features.lock.json")
        .toString(), "--project", weather, "--yes").exitCode());

    Cli.Result cloned = Cli.run("report", "--manifest", manifest.toString(), "--project", weather);

    assertEquals(ExitCodes.PROBLEMS, cloned.exitCode(), cloned.all());
    String flowed = cloned.out().replaceAll("\\s*\n\\s*", " ");
    assertTrue(flowed.contains("error: [yoi/approval-required] feature project:weather"), cloned.out());
    assertTrue(flowed.contains("a lock that comes with the project is not trusted"), cloned.out());
    String command = "yoi approve project:weather --project-dir " + dir.toRealPath();
    assertTrue(flowed.contains("approve it: " + command), cloned.out());

    // The person runs the command the report gives (with where the plugin is); the same report passes.
    assertEquals(ExitCodes.OK, Cli.run("approve", "project:weather", "--project-dir", dir.toRealPath().toString(),
        "--project", weather, "--yes").exitCode());
    assertEquals(ExitCodes.OK, Cli.run("report", "--manifest", manifest.toString(), "--project", weather).exitCode());
  }

  @Test
  void aHostThatTrustsTheProjectLockSaysSoExplicitly() throws IOException {
    Path manifest = Files.writeString(dir.resolve("pod.json"),
        "{\"features\": {\"enable\": [\"project:weather\"]}, \"approvals\": \"features.lock.json\"}");
    String weather = BuiltJars.require(BuiltJars.WEATHER).toString();
    assertEquals(ExitCodes.OK, Cli.run("approve", "project:weather", "--lock", dir.resolve("features.lock.json")
        .toString(), "--project", weather, "--yes").exitCode());

    Cli.Result trusted = Cli.run("report", "--manifest", manifest.toString(), "--project", weather,
        "--trust-project-lock");

    assertEquals(ExitCodes.OK, trusted.exitCode(), trusted.all());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{\"features\": {", "garbage", "{}", "MISSING"})
  void aLockThatIsEmptyTruncatedGarbageNotALockOrMissingIsAUsageError(String content) throws IOException {
    Path lock = dir.resolve("features.lock.json");
    if (!content.equals("MISSING")) {
      Files.writeString(lock, content);
    }

    Cli.Result result = Cli.run("report", "--lock", lock.toString(),
        "--project", BuiltJars.require(BuiltJars.WEATHER).toString());

    assertEquals(ExitCodes.USAGE, result.exitCode(), result.all());
    assertTrue(result.err().startsWith("yoi report: "), result.err());
    assertTrue(result.err().contains(lock.toString()), result.err());
    assertEquals("", result.out());
  }

  @Test
  void anInvalidLockNamedByTheManifestIsAUsageErrorToo() throws IOException {
    Path manifest = Files.writeString(dir.resolve("pod.json"), "{\"approvals\": \"features.lock.json\"}");
    Files.writeString(dir.resolve("features.lock.json"), "{\"features\": {\"project:weather\": ");

    Cli.Result result = Cli.run("report", "--manifest", manifest.toString());

    assertEquals(ExitCodes.USAGE, result.exitCode(), result.all());
    assertTrue(result.err().contains("the approval lock " + dir.resolve("features.lock.json") + " is not valid JSON"),
        result.err());
  }

  @Test
  void withPinCodeAPluginRebuiltWithNewCodeWouldNotInstallUntilApprovedAgain() throws IOException {
    Path manifest = Files.writeString(dir.resolve("pod.json"), "{\"features\": {\"enable\": [\"project:github\"]}}");
    Path v1 = Javac.compileOk(dir.resolve("v1"), ApproveCommandTest.GITHUB);
    Path rebuilt = Javac.compileOk(dir.resolve("rebuilt"),
        ApproveCommandTest.GITHUB.replace("ToolResult.text(\"none\")", "ToolResult.text(\"other\")"));
    String lock = dir.resolve("approvals.json").toString();
    assertEquals(ExitCodes.OK, Cli.run("approve", "project:github", "--user-lock", lock, "--project-dir",
        dir.toString(), "--project", v1.toString(), "--yes").exitCode());

    Cli.Result pinned = Cli.run("report", "--manifest", manifest.toString(), "--user-lock", lock,
        "--project", rebuilt.toString(), "--pin-code");
    Cli.Result unpinned = Cli.run("report", "--manifest", manifest.toString(), "--user-lock", lock,
        "--project", rebuilt.toString());

    assertEquals(ExitCodes.PROBLEMS, pinned.exitCode(), pinned.all());
    assertTrue(pinned.out().replaceAll("\\s*\n\\s*", " ").contains("error: [yoi/code-changed] feature"
        + " project:github"), pinned.out());
    assertEquals(ExitCodes.OK, unpinned.exitCode(), unpinned.all());
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
