package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, run in-process against the plugin jars the build put beside the command. */
class DemoCommandTest {
  @TempDir Path work;

  @Test
  void theDemoInstallsEveryFeatureAndShowsTheConversationWithItsReminder() {
    BuiltJars.require(BuiltJars.WEATHER);

    Cli.Result result = Cli.run("demo", "--work-dir", work.toString());

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    String out = result.out();
    for (String id : new String[] {"builtin:manifest-permissions", "builtin:memory", "builtin:task-reminders",
        "builtin:task-tools", "project:weather", "user:journal"}) {
      assertTrue(out.contains(String.format("%-30sinstalled", id)), id + " installed:\n" + out);
    }
    assertTrue(out.contains("denied SECRET_REF:weather-api-key"), out);
    assertTrue(out.contains("tool error    call-6 call denied by pre-tool-call hook \"enforce-tool-rules\""), out);
    assertTrue(out.contains("system        builtin:task-reminders: Task #1 [IN_PROGRESS] Pack for Lisbon"), out);
    assertTrue(Files.isRegularFile(work.resolve("history/history.jsonl")), "history kept in --work-dir");
    assertTrue(out.contains("\nWorking directory, kept after the demo (--work-dir):\n  " + work + "\n"), out);
    assertTrue(out.contains("\nManifest pod.json:\n"), out);
    assertTrue(out.contains("== History (history/history.jsonl) =="), out);
  }

  @Test
  void withoutWorkDirTheDemoSaysItsFilesAreTemporaryAndDeletesThem() {
    BuiltJars.require(BuiltJars.WEATHER);

    Cli.Result result = Cli.run("demo");

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    java.util.regex.Matcher named = java.util.regex.Pattern.compile("\nWorking directory, temporary: deleted"
        + " when the demo ends \\(--work-dir DIR keeps it\\):\n  (\\S+)\n").matcher(result.out());
    assertTrue(named.find(), result.out());
    assertFalse(Files.exists(Path.of(named.group(1))), "deleted as it said: " + named.group(1));
  }

  @Test
  void aMissingPluginDirectoryIsAUsageErrorThatSaysHowToBuild() {
    Cli.Result result = Cli.run("demo", "--plugins", work.resolve("nowhere").toString());

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().contains("Build first: mvn -q -DskipTests package"), result.err());
  }

  @Test
  void aWorkDirThatIsAFileIsAUsageErrorNotAnInternalOne() throws java.io.IOException {
    BuiltJars.require(BuiltJars.WEATHER);
    Path file = Files.writeString(work.resolve("not-a-dir"), "x");

    Cli.Result result = Cli.run("demo", "--work-dir", file.toString());

    assertEquals(ExitCodes.USAGE, result.exitCode(), result.all());
    assertTrue(result.err().startsWith("yoi demo: --work-dir " + file + ": cannot use it as a directory"),
        result.err());
  }
}
