package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.yoi.processor.Compilations.java;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial recompiles, as IDEs and Gradle run them: the module's previous output on the class path,
 * only some of its sources compiled again. No false error, and the same index, descriptor class
 * and marker class as a build of every source.
 */
class IncrementalBuildTest {
  private static final JavaFileObject FEATURE = java("p.IncFeature", """
      @Feature(id = "inc", name = "Inc", description = "Built in pieces")
      @RequiresAuthority(value = AuthorityKind.NETWORK, scope = "api.example", reason = "looks things up")
      public class IncFeature implements FeatureModule {
        public void install(InstallContext context) {
          context.tools().register(new IncTool());
          context.hooks().register(new IncHook());
          context.tools().register(new Nested());
        }
        @ToolContribution(name = "nested", description = "A nested tool")
        public static final class Nested implements Tool<JsonNode> {
          public ToolResult call(JsonNode in, ToolContext ctx) { return ToolResult.text(""); }
        }
      }
      """);
  private static final JavaFileObject TOOL = tool("lookup");
  private static final JavaFileObject HOOK = java("p.IncHook", """
      @HookContribution(name = "count", feature = IncFeature.class)
      public final class IncHook implements TurnEndHook {
        public void onTurnEnd(TurnSummary turn) {}
      }
      """);

  private static JavaFileObject tool(String name) {
    return java("p.IncTool", """
        @ToolContribution(name = "%s", description = "Looks up", feature = IncFeature.class,
            requires = AuthorityKind.NETWORK)
        public final class IncTool implements Tool<IncTool.Input> {
          public record Input(@JsonPropertyDescription("What to look up") String query,
              Optional<Integer> limit, List<Input> more) {}
          public ToolResult call(Input in, ToolContext ctx) { return ToolResult.text(""); }
        }
        """.formatted(name));
  }

  @TempDir Path dir;

  @Test
  void aToolRecompiledAloneJoinsItsFeatureFromTheClassPath() {
    Compilation full = Compilations.compile(FEATURE, TOOL, HOOK);
    Compilation alone = compileWithClasspath(output(full), TOOL);

    assertThat(alone).succeededWithoutWarnings();
    assertSameOutput(full, alone);
  }

  @Test
  void aFeatureRecompiledAloneKeepsItsContributionsFromTheClassPath() {
    Compilation full = Compilations.compile(FEATURE, TOOL, HOOK);
    Compilation alone = compileWithClasspath(output(full), FEATURE);

    assertThat(alone).succeededWithoutWarnings();
    assertSameOutput(full, alone);
  }

  @Test
  void aHookRecompiledAloneJoinsItsFeatureFromTheClassPath() {
    Compilation full = Compilations.compile(FEATURE, TOOL, HOOK);
    Compilation alone = compileWithClasspath(output(full), HOOK);

    assertThat(alone).succeededWithoutWarnings();
    assertSameOutput(full, alone);
  }

  @Test
  void aToolRenamedAndRecompiledAloneIsRenamedInItsFeature() {
    Path first = output(Compilations.compile(FEATURE, TOOL, HOOK));
    Compilation alone = compileWithClasspath(first, tool("search"));

    assertThat(alone).succeededWithoutWarnings();
    assertSameOutput(Compilations.compile(FEATURE, tool("search"), HOOK), alone);
  }

  @Test
  void aNewContributionNamingAFeatureOnlyOnTheClassPathIsStillAnOrphan() {
    // Nothing shows the feature is this module's: its class is not in the output directory, and
    // no marker of this module lists the new class among its contributions.
    Path first = output(Compilations.compile(FEATURE, TOOL, HOOK));
    JavaFileObject extra = java("p.Extra", """
        @HookContribution(name = "extra",
            feature = IncFeature.class)
        public final class Extra implements TurnEndHook {
          public void onTurnEnd(TurnSummary turn) {}
        }
        """);
    Compilation c = compileWithClasspath(first, extra);

    assertThat(c).hadErrorContaining("[yoi/orphan-contribution]").inFile(extra)
        .onLineContaining("feature = IncFeature.class");
    assertThat(c).hadErrorContaining("which is compiled in another module");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void typeUseAnnotationsOfAToolNotRecompiledStillShapeItsSchema() {
    // JDK 21 and older do not show type-use annotations of classes read from class files.
    JavaFileObject nullable = java("q.Nullable", """
        @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE)
        @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
        public @interface Nullable {}
        """);
    JavaFileObject feature = java("p.Typed", """
        @Feature(id = "typed", name = "Typed")
        public class Typed implements FeatureModule {
          public void install(InstallContext context) { context.tools().register(new TypedTool()); }
        }
        """);
    JavaFileObject tool = java("p.TypedTool", """
        @ToolContribution(name = "typed", description = "d", feature = Typed.class)
        public class TypedTool implements Tool<TypedTool.In> {
          public record In(String a, @q.Nullable String b,
              List<@jakarta.validation.constraints.Min(0) Integer> scores) {}
          public ToolResult call(In in, ToolContext ctx) { return ToolResult.text(""); }
        }
        """);
    Compilation full = Compilations.compile(ValidationStubs.with(nullable, feature, tool));
    assertTrue(Compilations.index(full).contains("\"b\":{\"type\":[\"string\",\"null\"]}"),
        Compilations.index(full));
    Compilation alone = compileWithClasspath(output(full), feature);

    assertThat(alone).succeededWithoutWarnings();
    assertEquals(Compilations.index(full), Compilations.index(alone));
  }

  // ---- Into the output directory, as an IDE builds: plain javac, -d out, out on the class path. ----

  private static final String OTHER = """
      package p;
      import dev.yoi.feature.annotation.*;
      @Feature(id = "other", name = "Other")
      public class Other implements dev.yoi.feature.FeatureModule {
        public void install(dev.yoi.feature.InstallContext context) {}
        @ToolContribution(name = "other_tool", description = "d")
        public static class T implements dev.yoi.pod.tool.Tool<com.fasterxml.jackson.databind.JsonNode> {
          public dev.yoi.pod.tool.ToolResult call(com.fasterxml.jackson.databind.JsonNode in,
              dev.yoi.pod.tool.ToolContext ctx) { return dev.yoi.pod.tool.ToolResult.text(""); }
        }
      }
      """;

  @Test
  void aToolRecompiledIntoTheOutputDirectoryKeepsEveryOtherFeaturesLine() throws IOException {
    Path full = module("full", sources(FEATURE, TOOL, HOOK), Map.of("p/Other.java", OTHER));
    Path out = module("out", sources(FEATURE, TOOL, HOOK), Map.of("p/Other.java", OTHER));

    assertEquals("", javacInto(out, write(dir.resolve("edit"), "p/IncTool.java", Compilations.text(TOOL))));

    assertEquals(Files.readString(full.resolve("META-INF/yoi/features.jsonl")),
        Files.readString(out.resolve("META-INF/yoi/features.jsonl")));
    assertEquals(generated(full), generated(out));
  }

  @Test
  void aFeatureWhoseClassesTheIdeDeletedLeavesTheIndex() throws IOException {
    Path out = module("out", sources(FEATURE, TOOL, HOOK), Map.of("p/Other.java", OTHER));
    for (String gone : List.of("Other.class", "Other$T.class", "Other_FeatureDescriptor.class")) {
      Files.delete(out.resolve("p").resolve(gone)); // Other.java was deleted: its classes go with it
    }

    assertEquals("", javacInto(out, write(dir.resolve("edit"), "p/IncTool.java", Compilations.text(TOOL))));

    String index = Files.readString(out.resolve("META-INF/yoi/features.jsonl"));
    assertTrue(index.contains("\"slug\":\"inc\""), index);
    assertFalse(index.contains("\"slug\":\"other\""), index);
  }

  @Test
  void aToolMovedToAnotherFeatureAndRecompiledAloneLeavesTheOldOne() throws IOException {
    Map<String, String> before = sources(HOOK);
    before.put("p/Other.java", OTHER);
    before.put("p/IncFeature.java", Compilations.text(FEATURE)
        .replace("context.tools().register(new IncTool());", ""));
    Map<String, String> after = new TreeMap<>(before);
    String moved = Compilations.text(TOOL).replace(
        "feature = IncFeature.class,\n    requires = AuthorityKind.NETWORK)", "feature = Other.class)");
    assertTrue(moved.contains("feature = Other.class)"), moved);
    after.put("p/IncTool.java", moved);
    Path out = module("out", before, sources(TOOL));
    Path full = module("full", after, Map.of());

    assertEquals("", javacInto(out, write(dir.resolve("edit"), "p/IncTool.java", moved)));

    String index = Files.readString(out.resolve("META-INF/yoi/features.jsonl"));
    assertEquals(Files.readString(full.resolve("META-INF/yoi/features.jsonl")), index);
    assertTrue(index.contains("\"slug\":\"other\"") && index.contains("p.IncTool"), index);
  }

  @Test
  void classFilesHandedBackForProcessingAsGradleDoesGiveTheFullBuildsOutput() throws IOException {
    Path full = module("full", sources(FEATURE, TOOL, HOOK), Map.of("p/Other.java", OTHER));
    Path out = module("out", sources(FEATURE, TOOL, HOOK), Map.of("p/Other.java", OTHER));
    // Gradle deletes what an aggregating processor generated, recompiles the changed source, and
    // hands every other annotated class to the processor again, read from its class file.
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = out.relativize(p).toString().replace(File.separatorChar, '/');
        if (name.contains("_FeatureDescriptor.") || name.startsWith("dev/yoi/markers/")
            || name.equals("META-INF/yoi/features.jsonl")) {
          Files.delete(p);
        }
      }
    }

    assertEquals("", javacInto(out, List.of("p.IncFeature", "p.IncHook", "p.Other"),
        write(dir.resolve("edit"), "p/IncTool.java", Compilations.text(TOOL))));

    assertEquals(Files.readString(full.resolve("META-INF/yoi/features.jsonl")),
        Files.readString(out.resolve("META-INF/yoi/features.jsonl")));
    assertEquals(generated(full), generated(out));
  }

  // ---- Helpers ----

  private Compilation compileWithClasspath(Path previousOutput, JavaFileObject... sources) {
    List<File> classpath = new ArrayList<>();
    classpath.add(previousOutput.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    return javac().withProcessors(new FeatureProcessor())
        .withOptions("-Ayoi.version=1.0.0", "-Ayoi.module=" + Compilations.MODULE, "-Xlint:all,-processing")
        .withClasspath(classpath)
        .compile(sources);
  }

  /** A compilation's class files and index, written to a directory of their own. */
  private Path output(Compilation compilation) {
    assertThat(compilation).succeededWithoutWarnings();
    Path out = dir.resolve("first-" + System.nanoTime());
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS && !file.getName().endsWith(".jsonl")) {
        continue;
      }
      String name = file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", "");
      try (InputStream in = file.openInputStream()) {
        Path target = out.resolve(name);
        Files.createDirectories(target.getParent());
        Files.write(target, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static void assertSameOutput(Compilation full, Compilation partial) {
    assertEquals(Compilations.index(full), Compilations.index(partial));
    assertEquals(Compilations.descriptorClass(full, "p.IncFeature_FeatureDescriptor"),
        Compilations.descriptorClass(partial, "p.IncFeature_FeatureDescriptor"));
    assertEquals(texts(Compilations.markerClasses(full)), texts(Compilations.markerClasses(partial)));
  }

  private static List<String> texts(List<JavaFileObject> files) {
    return files.stream().map(Compilations::javap).toList();
  }

  private static Map<String, String> sources(JavaFileObject... files) {
    Map<String, String> out = new TreeMap<>();
    for (JavaFileObject file : files) {
      out.put(file.toUri().getPath().replaceFirst("^/", ""), Compilations.text(file));
    }
    return out;
  }

  /** Every source in {@code a} and {@code b}, compiled with plain javac into a new directory. */
  private Path module(String name, Map<String, String> a, Map<String, String> b) throws IOException {
    Path src = dir.resolve(name + "-src");
    Map<String, String> all = new TreeMap<>(a);
    all.putAll(b);
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> e : all.entrySet()) {
      files.add(write(src, e.getKey(), e.getValue()));
    }
    Path out = Files.createDirectories(dir.resolve(name));
    assertEquals("", javacInto(out, files.toArray(new Path[0])));
    return out;
  }

  /** The generated classes (descriptors and markers) of a javac output directory, by path: their bytes, in hex. */
  private static Map<String, String> generated(Path out) throws IOException {
    Map<String, String> classes = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = out.relativize(p).toString().replace(File.separatorChar, '/');
        if (name.endsWith("_FeatureDescriptor.class") || name.startsWith("dev/yoi/markers/")) {
          classes.put(name, java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
        }
      }
    }
    assertFalse(classes.isEmpty(), "no descriptor or marker class in " + out);
    return classes;
  }

  private static Path write(Path root, String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  /**
   * Plain javac with -d out and out on the class path, as an IDE recompiles changed files; returns
   * its diagnostics.
   */
  private static String javacInto(Path out, Path... sources) throws IOException {
    return javacInto(out, List.of(), sources);
  }

  /** {@link #javacInto(Path, Path...)}, with {@code classes} processed from their class files too. */
  private static String javacInto(Path out, List<String> classes, Path... sources) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      String classpath = out + File.pathSeparator + System.getProperty("java.class.path");
      JavaCompiler.CompilationTask task = compiler.getTask(diagnostics, files, null,
          List.of("-d", out.toString(), "-classpath", classpath, "-Ayoi.version=1.0.0",
              "-Ayoi.module=" + Compilations.MODULE, "-implicit:none"),
          classes.isEmpty() ? null : classes, files.getJavaFileObjects(sources));
      task.setProcessors(List.of(new FeatureProcessor()));
      boolean ok = task.call();
      return ok ? diagnostics.toString() : "failed: " + diagnostics;
    }
  }
}
