package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.cli.diagnostics.Javac;
import dev.yoi.descriptor.IndexLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin built without its index (issue 16, item 1: on JDK 23 and later javac runs no processor
 * it finds only on the class path): verify and report say that the processor did not run and how
 * to turn it on, instead of verifying nothing or installing nothing in silence.
 */
class MissingIndexTest {
  private static final String WEATHER = """
      package com.acme;

      @Feature(id = "weather", name = "Weather")
      public final class WeatherFeature implements FeatureModule {
        public void install(InstallContext context) {}
      }
      """;

  @TempDir Path dir;

  @Test
  void classesAnnotatedFeatureWithoutAnIndexSayTheProcessorDidNotRunAndHowToTurnItOn() throws IOException {
    Path classes = Javac.compileWithoutProcessor(dir.resolve("classes"), WEATHER);

    Cli.Result result = Cli.run("verify", classes.toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode(), result.all());
    assertTrue(result.out().startsWith("[yoi/index-corrupt] " + classes + " has no META-INF/yoi/features.jsonl,"
        + " but com.acme.WeatherFeature is annotated @Feature: the Yoi annotation processor did not run when"
        + " it was compiled."), result.out());
    assertTrue(result.out().contains("<annotationProcessorPaths>"), result.out());
    assertTrue(result.out().contains("annotationProcessor configuration"), result.out());
    assertTrue(result.out().contains("-proc:full"), result.out());
  }

  @Test
  void aJarOfSuchClassesFailsVerifyAndReport() throws IOException {
    Path jar = jar(Javac.compileWithoutProcessor(dir.resolve("classes"), WEATHER), dir.resolve("weather.jar"));

    Cli.Result verify = Cli.run("verify", jar.toString());
    Cli.Result report = Cli.run("report", "--project", jar.toString());

    assertEquals(ExitCodes.PROBLEMS, verify.exitCode(), verify.all());
    assertTrue(verify.out().contains("but com.acme.WeatherFeature is annotated @Feature: the Yoi annotation"
        + " processor did not run"), verify.out());
    assertEquals(ExitCodes.PROBLEMS, report.exitCode(), report.all());
    assertTrue(report.err().startsWith("yoi report: [yoi/index-corrupt] " + jar.toRealPath() + " has no"
        + " META-INF/yoi/features.jsonl, but com.acme.WeatherFeature is annotated @Feature"), report.err());
  }

  @Test
  void aJarWithoutFeatureClassesIsNoProblemForReport() throws IOException {
    Path library = PluginJars.write(dir.resolve("library.jar"), Map.of("com/acme/Util.class", new byte[] {1}));

    Cli.Result report = Cli.run("report", "--project", library.toString());

    assertEquals(ExitCodes.OK, report.exitCode(), report.all());
    assertEquals("", report.err());
  }

  @Test
  void generatedClassesWithoutTheirIndexSayTheIndexWasLostAfterTheBuild() throws IOException {
    Path classes = Javac.compileOk(dir.resolve("classes"), WEATHER);
    Files.delete(classes.resolve(IndexLine.INDEX_PATH));

    Cli.Result result = Cli.run("verify", jar(classes, dir.resolve("repackaged.jar")).toString());

    assertEquals(ExitCodes.PROBLEMS, result.exitCode(), result.all());
    assertTrue(result.out().contains("though it holds classes the Yoi processor generates ("), result.out());
    assertTrue(result.out().contains("com.acme.WeatherFeature_FeatureDescriptor"), result.out());
    assertTrue(result.out().contains("the processor ran, but its index was lost after compiling"), result.out());
  }

  /** The files under {@code classes} as a jar. */
  private static Path jar(Path classes, Path jar) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder())::iterator) {
        entries.put(classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"),
            Files.readAllBytes(file));
      }
    }
    return PluginJars.write(jar, entries);
  }
}
