package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.yoi.processor.Compilations.java;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
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
  void featureIdAlreadyOnTheClasspathFailsOnTheLocalFeature() {
    compileModuleA();
    JavaFileObject b = java("com.acme.b.Weather2", """
        @Feature(name = "Weather 2",
            id = "weather")
        public class Weather2 implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compileModuleB(b);
    assertThat(c).hadErrorContaining("[yoi/duplicate-feature] feature id \"weather\" is declared 2 times")
        .inFile(b).onLineContaining("id = \"weather\"");
    assertThat(c).hadErrorContaining(
        "    weather              com.acme.a.Weather  (on the classpath, module module-a)\n"
            + "    weather              com.acme.b.Weather2\n");
    assertThat(c).hadErrorCount(1);
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
  void serviceIdAlreadyOnTheClasspathFailsOnTheLocalProvider() {
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
    Compilation c = compileModuleB(b);
    assertThat(c).hadErrorContaining("[yoi/duplicate-contribution] service \"cache\" is provided twice")
        .inFile(b).onLineContaining("id = \"cache\"");
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

  private void compileModuleA() {
    Compilation a = javac().withProcessors(new FeatureProcessor())
        .withOptions("-Ayoi.version=1.0.0", "-Ayoi.module=module-a")
        .compile(WEATHER);
    assertThat(a).succeededWithoutWarnings();
    for (JavaFileObject file : a.generatedFiles()) {
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
    assertTrue(Files.exists(moduleA.resolve("dev/yoi/markers/Feature_com_acme_a_Weather.class")),
        "module A's marker was not written");
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
