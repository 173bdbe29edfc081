package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.yoi.processor.Compilations.java;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Duplicates against features already on the compile classpath: module A is compiled to a
 * directory, then module B with A's output on its classpath, as a build with a dependency does.
 */
class ClasspathDuplicateTest {
  private static final JavaFileObject WEATHER = java("com.acme.a.Weather", """
      @Feature(id = "weather", name = "Weather")
      public class Weather implements FeatureModule {
        public void install(InstallContext context) {}
        @ToolContribution(name = "Forecast", description = "d")
        public static class Forecast implements Tool<JsonNode> {
          public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
        }
        public interface Cache {}
        @ProvidesService(id = "cache", version = "1.0.0", type = Cache.class)
        public static class CacheImpl implements Cache {}
      }
      """);

  @TempDir Path moduleA;

  @Test
  void aFeatureIdAlsoOnTheClasspathCompilesAsUserWeatherBesideProjectWeatherInstalls() {
    // Identities: feature ids are qualified by the source a feature is installed from, which the
    // build cannot know for a feature compiled elsewhere (FeatureCatalogTest's
    // theSameSlugFromTwoSourcesIsTwoFeatures is the run-time side).
    compileModuleA();
    JavaFileObject b = java("com.acme.b.Weather2", """
        @Feature(name = "Weather 2",
            id = "weather")
        public class Weather2 implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    assertThat(compileModuleB(b)).succeededWithoutWarnings();
  }

  @Test
  void toolNameAlreadyOnTheClasspathFailsOnTheLocalTool() {
    compileModuleA();
    JavaFileObject b = java("com.acme.b.Planner", """
        @Feature(id = "planner", name = "Planner")
        public class Planner implements FeatureModule {
          public void install(InstallContext context) {}
          @ToolContribution(description = "d",
              name = "Forecast")
          public static class MyForecast implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    Compilation c = compileModuleB(b);
    assertThat(c).hadErrorContaining("[yoi/duplicate-contribution] tool \"Forecast\" is contributed twice")
        .inFile(b).onLineContaining("name = \"Forecast\"");
    assertThat(c).hadErrorContaining(
        "    planner              com.acme.b.Planner.MyForecast\n"
            + "    weather              com.acme.a.Weather.Forecast  (on the classpath, module module-a)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void twoModulesEachProvidingCacheCompileAsTheRuntimeInstallsUserCacheBesideProjectCache() {
    // Module A provides service "cache"; module B, compiled with A on its class path, provides
    // "cache" too. Installed from two sources they are user:cache and project:cache, which the
    // runtime installs side by side (ServiceIdentityTest), so the build, which cannot know the
    // sources, does not refuse them. From one source the host refuses the second, and
    // yoi verify reports it first (DuplicateCheckTest).
    compileModuleA();
    JavaFileObject b = java("com.acme.b.Other", """
        @Feature(id = "other", name = "Other")
        public class Other implements FeatureModule {
          public void install(InstallContext context) {}
          @ProvidesService(version = "1.0.0", type = Runnable.class,
              id = "cache")
          public static class C implements Runnable { public void run() {} }
        }
        """);
    assertThat(compileModuleB(b)).succeededWithoutWarnings();
  }

  @Test
  void twoProvidersOfCacheInOneCompilationShareItsSourceAndConflict() {
    // Compiled together, installed from one jar, so from one source: project:cache twice.
    JavaFileObject other = java("com.acme.a.Other", """
        @Feature(id = "other", name = "Other")
        public class Other implements FeatureModule {
          public void install(InstallContext context) {}
          @ProvidesService(version = "1.0.0", type = Runnable.class,
              id = "cache")
          public static class C implements Runnable { public void run() {} }
        }
        """);
    Compilation c = javac().withProcessors(new FeatureProcessor())
        .withOptions("-Ayoi.version=1.0.0", "-Ayoi.module=module-a").compile(WEATHER, other);
    // On the party that sorts second: com.acme.a.Weather after com.acme.a.Other.
    assertThat(c).hadErrorContaining("[yoi/duplicate-contribution] service \"cache\" is provided twice")
        .inFile(WEATHER).onLineContaining("id = \"cache\"");
    assertThat(c).hadErrorContaining("installed from one");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void distinctNamesNextToAClasspathFeatureCompileCleanly() {
    compileModuleA();
    JavaFileObject b = java("com.acme.b.Other", """
        @Feature(id = "other", name = "Other")
        public class Other implements FeatureModule {
          public void install(InstallContext context) { context.tools().register(new T()); }
          @ToolContribution(name = "Other", description = "d")
          public static class T implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    assertThat(compileModuleB(b)).succeededWithoutWarnings();
  }

  @Test
  void contributionPointingAtAFeatureOfAnotherModuleIsAnOrphan() {
    compileModuleA();
    JavaFileObject b = java("com.acme.b.Extra", """
        @HookContribution(name = "extra",
            feature = com.acme.a.Weather.class)
        public class Extra implements TurnEndHook { public void onTurnEnd(TurnSummary t) {} }
        """);
    Compilation c = compileModuleB(b);
    assertThat(c).hadErrorContaining("[yoi/orphan-contribution]").inFile(b)
        .onLineContaining("feature = com.acme.a.Weather.class");
    assertThat(c).hadErrorContaining("which is compiled in another module");
  }

  @Test
  void oneMarkerHoldsEveryFeatureOfTheRoundAndEachIsCheckedAgainst() {
    compileModuleA(java("com.acme.a.Radar", """
        @Feature(id = "radar", name = "Radar")
        public class Radar implements FeatureModule {
          public void install(InstallContext context) {}
          @ToolContribution(name = "Sweep", description = "d")
          public static class Sweep implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """));
    assertTrue(markerClasses(moduleA).get(0).startsWith("Features_"), markerClasses(moduleA).toString());
    JavaFileObject b = java("com.acme.b.Both", """
        @Feature(id = "both", name = "Both")
        public class Both implements FeatureModule {
          public void install(InstallContext context) {}
          @ToolContribution(description = "d",
              name = "Sweep")
          public static class MySweep implements Tool<JsonNode> {
            public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
          }
          @ProvidesService(version = "1.0.0", type = Runnable.class,
              id = "cache")
          public static class C implements Runnable { public void run() {} }
        }
        """);
    Compilation c = compileModuleB(b);
    assertThat(c).hadErrorContaining("[yoi/duplicate-contribution] tool \"Sweep\" is contributed twice")
        .inFile(b).onLineContaining("name = \"Sweep\"");
    assertThat(c).hadErrorContaining(
        "    both                 com.acme.b.Both.MySweep\n"
            + "    radar                com.acme.a.Radar.Sweep  (on the classpath, module module-a)");
    // The service id "cache" of the same round is not a conflict: module A may be installed from
    // another source than this one.
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aMarkerOfTheOldOneClassPerFeatureFormatIsSkipped() {
    Compilation old = javac().withOptions("-proc:none").compile(JavaFileObjects.forSourceString(
        "dev.yoi.markers.Feature_com_acme_a_Weather", """
        package dev.yoi.markers;
        public final class Feature_com_acme_a_Weather {
          public static final int FORMAT = 1;
          public static final String SLUG = "weather";
          public static final String FEATURE_CLASS = "com.acme.a.Weather";
          public static final String MODULE = "module-a";
          public static final String TOOLS = "Forecast com.acme.a.Weather$Forecast";
          public static final String SERVICES = "";
        }
        """));
    assertThat(old).succeeded();
    copyClassOutput(old);
    JavaFileObject b = java("com.acme.b.Weather2", """
        @Feature(id = "weather", name = "Weather 2")
        public class Weather2 implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    assertThat(compileModuleB(b)).succeededWithoutWarnings();
  }

  @Test
  void theModulesOwnMarkerInItsOutputDirectoryIsSkipped() throws IOException {
    // Built twice into one directory, the second time with a tool moved to another feature: the
    // first build's marker (in the output, on the classpath) lists it under the old feature.
    Path out = Files.createDirectories(moduleA.resolve("out"));
    Path first = writeSource(moduleA.resolve("src1"), "com/acme/a/One.java", """
        package com.acme.a;
        import dev.yoi.feature.annotation.*;
        @Feature(id = "one", name = "One")
        public class One implements dev.yoi.feature.FeatureModule {
          public void install(dev.yoi.feature.InstallContext context) {}
          @ToolContribution(name = "Moved", description = "d")
          public static class T implements dev.yoi.pod.tool.Tool<com.fasterxml.jackson.databind.JsonNode> {
            public dev.yoi.pod.tool.ToolResult call(com.fasterxml.jackson.databind.JsonNode in,
                dev.yoi.pod.tool.ToolContext ctx) { return dev.yoi.pod.tool.ToolResult.text(""); }
          }
        }
        """);
    assertEquals("", javacInto(out, first));
    Path second = writeSource(moduleA.resolve("src2"), "com/acme/a/Two.java", """
        package com.acme.a;
        import dev.yoi.feature.annotation.*;
        @Feature(id = "two", name = "Two")
        public class Two implements dev.yoi.feature.FeatureModule {
          public void install(dev.yoi.feature.InstallContext context) {}
          @ToolContribution(name = "Moved", description = "d")
          public static class T implements dev.yoi.pod.tool.Tool<com.fasterxml.jackson.databind.JsonNode> {
            public dev.yoi.pod.tool.ToolResult call(com.fasterxml.jackson.databind.JsonNode in,
                dev.yoi.pod.tool.ToolContext ctx) { return dev.yoi.pod.tool.ToolResult.text(""); }
          }
        }
        """);
    assertEquals("", javacInto(out, second));
    assertEquals(2, markerClasses(out).size(), "each build's feature set has its own marker");
  }

  @Test
  void recompilingIntoTheSameOutputDirectoryIsNotADuplicate() throws IOException {
    // A build without "clean": the module's own earlier output is on its classpath.
    Path out = Files.createDirectories(moduleA.resolve("out"));
    Path sources = writeSource(moduleA.resolve("src1"), "com/acme/a/Old.java", """
        package com.acme.a;
        @dev.yoi.feature.annotation.Feature(id = "weather", name = "Weather")
        public class Old implements dev.yoi.feature.FeatureModule {
          public void install(dev.yoi.feature.InstallContext context) {}
        }
        """);
    assertEquals("", javacInto(out, sources));
    // The feature class is renamed; the old class files (and marker) are still in the output.
    Path renamed = writeSource(moduleA.resolve("src2"), "com/acme/a/New.java", """
        package com.acme.a;
        @dev.yoi.feature.annotation.Feature(id = "weather", name = "Weather")
        public class New implements dev.yoi.feature.FeatureModule {
          public void install(dev.yoi.feature.InstallContext context) {}
        }
        """);
    assertEquals("", javacInto(out, renamed));
    assertTrue(Files.readString(out.resolve("META-INF/yoi/features.jsonl")).contains("com.acme.a.New"));
  }

  private void compileModuleA(JavaFileObject... more) {
    List<JavaFileObject> sources = new ArrayList<>(List.of(WEATHER));
    sources.addAll(List.of(more));
    Compilation a = javac().withProcessors(new FeatureProcessor())
        .withOptions("-Ayoi.version=1.0.0", "-Ayoi.module=module-a")
        .compile(sources);
    assertThat(a).succeededWithoutWarnings();
    copyClassOutput(a);
    assertEquals(1, markerClasses(moduleA).size(), "module A's one marker: " + markerClasses(moduleA));
  }

  /** Copies a compilation's class files and index into module A's directory. */
  private void copyClassOutput(Compilation compilation) {
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS && !file.getName().endsWith(".jsonl")) {
        continue;
      }
      String name = file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", "");
      try (InputStream in = file.openInputStream()) {
        Path target = moduleA.resolve(name);
        Files.createDirectories(target.getParent());
        Files.write(target, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static List<String> markerClasses(Path classes) {
    try (var files = Files.list(classes.resolve("dev/yoi/markers"))) {
      return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".class")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Compilation compileModuleB(JavaFileObject... sources) {
    List<File> classpath = new ArrayList<>();
    classpath.add(moduleA.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    return javac().withProcessors(new FeatureProcessor())
        .withOptions("-Ayoi.version=1.0.0", "-Ayoi.module=module-b")
        .withClasspath(classpath)
        .compile(sources);
  }

  private static Path writeSource(Path root, String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  /** Plain javac with -d out and out on the classpath, as Maven runs it; returns its diagnostics. */
  private static String javacInto(Path out, Path source) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      String classpath = out + File.pathSeparator + System.getProperty("java.class.path");
      JavaCompiler.CompilationTask task = compiler.getTask(diagnostics, files, null,
          List.of("-d", out.toString(), "-classpath", classpath, "-Ayoi.version=1.0.0",
              "-implicit:none"),
          null, files.getJavaFileObjects(source.toFile()));
      task.setProcessors(List.of(new FeatureProcessor()));
      boolean ok = task.call();
      return ok ? diagnostics.toString() : "failed: " + diagnostics;
    }
  }
}
