package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher the build writes beside yoi.jar ({@code src/main/launcher/yoi}, filtered with the
 * building JDK's home): a class-data-sharing archive that is missing, not an archive at all, made
 * by another build of the jar, or made for another JDK never changes what a command prints or its
 * exit code. Run against a stand-in yoi.jar that prints its arguments and exits with the first.
 */
class LauncherTest {
  @TempDir Path dir;
  private Path launcher;

  @BeforeEach
  void install() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the launcher is a POSIX shell script");
    String script = Files.readString(Path.of("src/main/launcher/yoi"), StandardCharsets.UTF_8)
        .replace("@JAVA_HOME@", Path.of(System.getProperty("java.home")).toRealPath().toString());
    launcher = Files.writeString(dir.resolve("yoi"), script, StandardCharsets.UTF_8);
    writeJar("one");
  }

  @Test
  void withoutAnArchiveTheCommandRunsAsWithJavaJar() throws Exception {
    Run run = run("3", "inspect", "a b");

    assertEquals(new Run(3, "one: [3, inspect, a b]\n", ""), run);
  }

  @Test
  void anArchiveThatIsNoArchiveChangesNothing() throws Exception {
    Files.writeString(dir.resolve("yoi.jsa"), "not an archive");

    assertEquals(new Run(0, "one: [0, verify]\n", ""), run("0", "verify"));
  }

  @Test
  void aRealArchiveChangesNothingAndAJarRebuiltAfterItRunsItsOwnClasses() throws Exception {
    Run training = run(List.of("-XX:ArchiveClassesAtExit=" + dir.resolve("yoi.jsa"), "-Xlog:cds*=off"), "0", "demo");
    assertEquals(0, training.exit(), training.toString());
    assumeTrue(Files.isRegularFile(dir.resolve("yoi.jsa")), "this JDK made no dynamic archive (no base archive?)");
    Files.setLastModifiedTime(dir.resolve("yoi.jsa"), java.nio.file.attribute.FileTime.fromMillis(
        Files.getLastModifiedTime(dir.resolve("yoi.jar")).toMillis() + 5_000)); // as after a build's training run

    assertEquals(new Run(1, "one: [1, demo]\n", ""), run("1", "demo"));

    // Rebuilt to the very same size: the JVM would take the archive's "one" for it, the launcher does not.
    writeJar("two");
    Files.setLastModifiedTime(dir.resolve("yoi.jar"), Files.getLastModifiedTime(dir.resolve("yoi.jsa")));
    assertEquals(new Run(2, "two: [2, report]\n", ""), run("2", "report"));
  }

  @Test
  void anotherJdkThanTheOneThatMadeTheArchiveRunsWithoutIt() throws Exception {
    Files.writeString(launcher, Files.readString(launcher).replace(
        Path.of(System.getProperty("java.home")).toRealPath().toString() + "/bin/java", "/nowhere/bin/java"));
    Files.writeString(dir.resolve("yoi.jsa"), "made by another JDK");

    assertEquals(new Run(0, "one: [0, --version]\n", ""), run("0", "--version"));
  }

  @Test
  void aCommandRunsWithTheQuickCompilerAloneAndMcpServeWithBothTiers() throws Exception {
    writeJar("jit", "System.out.println(java.util.Arrays.toString(a) + \" \" + java.lang.management.ManagementFactory"
        + ".getRuntimeMXBean().getInputArguments().contains(\"-XX:TieredStopAtLevel=1\"));");

    assertEquals(new Run(0, "[inspect, x.jar] true\n", ""), run("inspect", "x.jar"));
    assertEquals(new Run(0, "[mcp, pin, x] true\n", ""), run("mcp", "pin", "x"));
    assertEquals(new Run(0, "[mcp, serve] false\n", ""), run("mcp", "serve"));
    Files.writeString(dir.resolve("yoi.jsa"), "not an archive");
    assertEquals(new Run(0, "[demo] true\n", ""), run("demo"));
  }

  /** What a run printed and returned. */
  record Run(int exit, String out, String err) {}

  private Run run(String... args) throws Exception {
    return run(List.of(), args);
  }

  /** Runs the launcher; {@code jvmOptions} go to the JVM through JAVA_TOOL_OPTIONS-free JDK_JAVA_OPTIONS. */
  private Run run(List<String> jvmOptions, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/bin/sh", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("YOI_CDS");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    if (jvmOptions.isEmpty()) {
      builder.environment().remove("JDK_JAVA_OPTIONS");
    } else {
      builder.environment().put("JDK_JAVA_OPTIONS", String.join(" ", jvmOptions));
    }
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int exit = process.waitFor();
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    if (!jvmOptions.isEmpty()) {
      // The JVM announces options picked up from JDK_JAVA_OPTIONS on stderr.
      stderr = stderr.lines().filter(l -> !l.startsWith("NOTE: Picked up JDK_JAVA_OPTIONS")).map(l -> l + "\n")
          .reduce("", String::concat);
    }
    return new Run(exit, Files.readString(out, StandardCharsets.UTF_8), stderr);
  }

  /** A stand-in yoi.jar: prints {@code name: [args]} and exits with the first argument. */
  private void writeJar(String name) throws IOException {
    writeJar(name, "System.out.println(\"" + name + ": \" + java.util.Arrays.toString(a));"
        + " System.exit(Integer.parseInt(a[0]));");
  }

  /** A stand-in yoi.jar whose main runs {@code body} (its arguments are {@code a}). */
  private void writeJar(String name, String body) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src-" + name));
    Path classes = Files.createDirectories(dir.resolve("classes-" + name));
    Path source = Files.writeString(src.resolve("Main.java"), "public class Main { public static void main(String[] a) {"
        + " " + body + " } }");
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString()));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Main");
    try (OutputStream file = Files.newOutputStream(dir.resolve("yoi.jar"));
         JarOutputStream jar = new JarOutputStream(file, manifest)) {
      jar.putNextEntry(new JarEntry("Main.class"));
      Files.copy(classes.resolve("Main.class"), jar);
      jar.closeEntry();
    }
    assertTrue(Files.size(dir.resolve("yoi.jar")) > 0);
  }
}
