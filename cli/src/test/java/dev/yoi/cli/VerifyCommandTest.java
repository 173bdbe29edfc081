package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  @TempDir Path dir;

  @Test
  void verifyAcceptsAnUntouchedPluginJar() throws IOException {
    Path jar = PluginJars.jar(dir, "planner.jar", PluginJars.feature("planner", "PlanCreate"));

    Cli.Result result = Cli.run("verify", jar.toString());

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertTrue(result.out().contains("verified 1 feature: no errors."), result.out());
  }

  @Test
  void verifyRefusesAnIndexWhoseDescriptorWasEditedByHand() throws IOException {
    IndexLine line = PluginJars.line(PluginJars.feature("planner", "PlanCreate"));
    String edited = IndexFile.writeLine(line).replace("Does PlanCreate", "Does anything at all");
    Path jar = jarWithIndex(line, edited);

    Cli.Result result = Cli.run("verify", jar.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.out().contains("[yoi/digest-mismatch] feature planner (index line 1 of jar:"), result.out());
    assertTrue(result.out().contains("verify failed: 1 error"), result.out());
  }

  @Test
  void verifyRefusesAnEditedIndexEvenWithItsDigestRecomputed() throws IOException {
    FeatureDescriptor original = PluginJars.feature("planner", "PlanCreate");
    IndexLine line = PluginJars.line(original);
    FeatureDescriptor widened = PluginJars.feature("planner", "PlanCreate", "PlanDelete");
    IndexLine forged = new IndexLine(IndexLine.FORMAT, "planner", line.module(), line.descriptorClass(),
        Digests.of(widened), widened);
    Path jar = jarWithIndex(line, IndexFile.writeLine(forged));

    Cli.Result result = Cli.run("verify", jar.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.out().contains("[yoi/digest-mismatch] feature project:planner"), result.out());
    assertTrue(result.out().contains("was compiled with a different DIGEST"), result.out());
  }

  @Test
  void aCorruptLineIsReportedWithItsNumberAndTheOtherLinesStillVerify() throws IOException {
    IndexLine good = PluginJars.line(PluginJars.feature("planner", "PlanCreate"));
    Map<String, byte[]> entries = entriesFor(good,
        IndexFile.writeLine(good) + "\n{\"format\":1,\"slug\":\n");
    Path jar = PluginJars.write(dir.resolve("half.jar"), entries);

    Cli.Result result = Cli.run("verify", jar.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.out().contains("[yoi/index-corrupt] index line 2 of jar:"), result.out());
    assertTrue(result.out().contains("(1 sound feature)"), result.out());
  }

  @Test
  void aJarWithoutAnIndexIsAnErrorThatSaysHowToBuildOne() throws IOException {
    Path jar = PluginJars.write(dir.resolve("plain.jar"), Map.of("com/acme/Plain.class", new byte[] {1}));

    Cli.Result result = Cli.run("verify", jar.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.out().contains("[yoi/index-corrupt] " + jar + " has no META-INF/yoi/features.jsonl"), result.out());
    assertTrue(result.out().contains("yoi-processor"), result.out());
  }

  @Test
  void aToolNameInTwoPluginsIsOneErrorListingBothParties() throws IOException {
    PluginJars.jar(dir.resolve("plugins"), "a.jar", PluginJars.feature("alpha", "Search"));
    PluginJars.jar(dir.resolve("plugins"), "b.jar", PluginJars.feature("beta", "Search"));

    Cli.Result result = Cli.run("verify", dir.resolve("plugins").toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.out().contains("[yoi/duplicate-contribution] tool \"Search\" is contributed twice:\n"
        + "      project:alpha  com.acme.AlphaFeature$Search\n"
        + "      project:beta  com.acme.BetaFeature$Search\n"), result.out());
  }

  @Test
  void theSameFeatureInTwoJarsIsADuplicateFeature() throws IOException {
    PluginJars.jar(dir.resolve("plugins"), "a.jar", PluginJars.feature("alpha", "Search"));
    PluginJars.jar(dir.resolve("plugins"), "a-copy.jar", PluginJars.feature("alpha", "Search"));

    Cli.Result result = Cli.run("verify", dir.resolve("plugins").toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.out().contains("[yoi/duplicate-feature] feature project:alpha is defined 2 times:"), result.out());
    assertFalse(result.out().contains("duplicate-contribution"), "one conflict, reported once: " + result.out());
  }

  @Test
  void aMissingFileIsAUsageErrorWithoutAStackTrace() {
    Cli.Result result = Cli.run("verify", dir.resolve("nowhere.jar").toString());

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().contains("nowhere.jar: no such file or directory"), result.err());
    assertFalse(result.all().contains("\tat "), result.all());
  }

  @Test
  void aFileThatIsNotAJarIsReportedNotThrown() throws IOException {
    Path text = java.nio.file.Files.writeString(dir.resolve("notes.jar"), "not a zip");

    Cli.Result result = Cli.run("verify", text.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.out().contains("[yoi/index-corrupt] " + text + " is not a jar"), result.out());
  }

  @Test
  void aDirectoryWithoutPluginsFailsVerificationInsteadOfPassingWithNothingChecked() throws IOException {
    Path empty = java.nio.file.Files.createDirectories(dir.resolve("target"));

    Cli.Result result = Cli.run("verify", empty.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode(), result.all());
    assertTrue(result.out().contains("[yoi/index-corrupt] " + empty + " holds no .jar files"), result.out());
    assertTrue(result.out().contains("verify failed: 1 error (0 sound features)."), result.out());
  }

  private Path jarWithIndex(IndexLine line, String indexText) throws IOException {
    return PluginJars.write(dir.resolve("edited.jar"), entriesFor(line, indexText + "\n"));
  }

  private static Map<String, byte[]> entriesFor(IndexLine line, String indexText) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(IndexLine.INDEX_PATH, indexText.getBytes(StandardCharsets.UTF_8));
    entries.put(PluginJars.classFile(line.descriptorClass()),
        ("DIGEST " + line.digest()).getBytes(StandardCharsets.UTF_8));
    entries.put(PluginJars.classFile(line.descriptor().featureClass()), new byte[] {1});
    return entries;
  }
}
