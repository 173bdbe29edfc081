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
import java.nio.file.Files;
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
  void aDescriptorClassIsReadAsAClassFileNotSearchedForTheDigestText() throws IOException {
    IndexLine line = PluginJars.line(PluginJars.feature("planner", "PlanCreate"));
    Map<String, byte[]> entries = entriesFor(line, IndexFile.writeLine(line) + "\n");
    entries.put(PluginJars.classFile(line.descriptorClass()),
        ("DIGEST " + line.digest()).getBytes(StandardCharsets.UTF_8));
    Path jar = PluginJars.write(dir.resolve("forged.jar"), entries);

    Cli.Result result = Cli.run("verify", jar.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode());
    assertTrue(result.out().contains("[yoi/index-corrupt] feature project:planner (index line 1 of jar:"),
        result.out());
    assertTrue(result.out().contains("its descriptor class file com.acme.PlannerFeature_FeatureDescriptor is"
        + " not a class file"), result.out());
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

  @Test
  void anEmptyIndexIsAnErrorNotZeroFeaturesVerified() throws IOException {
    Path jar = PluginJars.write(dir.resolve("empty.jar"), Map.of(IndexLine.INDEX_PATH, new byte[0]));

    Cli.Result result = Cli.run("verify", jar.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode(), result.all());
    assertTrue(result.out().contains("[yoi/index-corrupt] " + jar.toRealPath() + " has an empty"
        + " META-INF/yoi/features.jsonl, so it declares no features."), result.out());
    assertTrue(result.out().contains("verify failed: 1 error (0 sound features)."), result.out());
  }

  @Test
  void theSameJarNamedTwiceOrThroughALinkIsVerifiedOnce() throws IOException {
    Path jar = PluginJars.jar(dir.resolve("plugins"), "planner.jar", PluginJars.feature("planner", "PlanCreate"));
    Path link = Files.createSymbolicLink(dir.resolve("link.jar"), jar);

    Cli.Result result = Cli.run("verify", jar.toString(), jar.toString(), link.toString(),
        dir.resolve("plugins").toString());

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertEquals("verified 1 feature: no errors.\n", result.out());
  }

  @Test
  void theBuiltinsOwnClassesAreRecognisedNotReportedAsDuplicatesOfThemselves() {
    Path builtins = Path.of("..", "builtins", "target", "classes").toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(builtins.resolve(IndexLine.INDEX_PATH)), "the reactor builds " + builtins);

    Cli.Result result = Cli.run("verify", builtins.toString());

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertFalse(result.out().contains("[yoi/duplicate"), result.out());
    assertTrue(result.out().contains("note: " + builtins + " holds yoi's own builtins (builtin:manifest-permissions,"
        + " builtin:memory, builtin:task-reminders, builtin:task-tools): the same index lines, with the same"
        + " digests, as built into this yoi."), result.out());
    assertTrue(result.out().endsWith("verified 4 features: no errors.\n"), result.out());
  }

  @Test
  void anotherBuildOfTheBuiltinsIsCheckedOnItsOwnNotAsDuplicates() throws IOException {
    Path builtins = Path.of("..", "builtins", "target", "classes").toAbsolutePath().normalize();
    Path copy = dir.resolve("other-build");
    try (var files = Files.walk(builtins)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = copy.resolve(builtins.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    // Another version of memory: same slug, same builtin runtime, another digest.
    Path index = copy.resolve(IndexLine.INDEX_PATH);
    StringBuilder rewritten = new StringBuilder();
    for (var entry : IndexFile.read("builtins", Files.readAllBytes(index))) {
      IndexLine line = ((dev.yoi.descriptor.IndexEntry.Valid) entry).line();
      FeatureDescriptor d = line.descriptor();
      if (d.slug().equals("memory")) {
        d = new FeatureDescriptor(d.slug(), d.name(), "9.9.9", d.description(), d.runtime(), d.featureClass(),
            d.tools(), d.hooks(), d.backgroundTasks(), d.providedServices(), d.requiredServices(), d.authorities());
        Files.write(copy.resolve(PluginJars.classFile(line.descriptorClass())),
            PluginJars.descriptorClass(line.descriptorClass(), Digests.of(d)));
        line = new IndexLine(IndexLine.FORMAT, line.slug(), line.module(), line.descriptorClass(), Digests.of(d), d);
      }
      rewritten.append(IndexFile.writeLine(line)).append('\n');
    }
    Files.writeString(index, rewritten);

    Cli.Result result = Cli.run("verify", copy.toString());

    assertEquals(ExitCodes.OK, result.exitCode(), result.all());
    assertFalse(result.out().contains("[yoi/duplicate"), result.out());
    assertTrue(result.out().contains("holds another build of yoi's builtins (builtin:memory; their digests"
        + " differ from this yoi's)"), result.out());
  }

  private Path jarWithIndex(IndexLine line, String indexText) throws IOException {
    return PluginJars.write(dir.resolve("edited.jar"), entriesFor(line, indexText + "\n"));
  }

  private static Map<String, byte[]> entriesFor(IndexLine line, String indexText) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(IndexLine.INDEX_PATH, indexText.getBytes(StandardCharsets.UTF_8));
    entries.put(PluginJars.classFile(line.descriptorClass()),
        PluginJars.descriptorClass(line.descriptorClass(), line.digest()));
    entries.putAll(PluginJars.classFiles(line.descriptor()));
    return entries;
  }
}
