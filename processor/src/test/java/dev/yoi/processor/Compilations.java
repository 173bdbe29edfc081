package dev.yoi.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Compiles test sources with the processor, the way a feature module's build does. Public for the
 * generated corpus in {@code dev.yoi.processor.corpus}.
 */
public final class Compilations {
  public static final String MODULE = "test-module";

  private Compilations() {}

  public static Compilation compile(JavaFileObject... sources) {
    return compile(List.of("-Ayoi.version=1.0.0"), sources);
  }

  public static Compilation compile(List<String> options, JavaFileObject... sources) {
    List<String> all = new ArrayList<>(List.of("-Ayoi.module=" + MODULE, "-Xlint:all,-processing"));
    all.addAll(options);
    return javac().withProcessors(new FeatureProcessor()).withOptions(all).compile(sources);
  }

  /** The feature sources under src/test/resources/features/{@code pkg}. */
  static JavaFileObject[] resources(String pkgPath, String... names) {
    JavaFileObject[] out = new JavaFileObject[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = JavaFileObjects.forResource("features/" + pkgPath + "/" + names[i] + ".java");
    }
    return out;
  }

  static JavaFileObject[] weather() {
    return resources("com/acme/weather", "WeatherFeature", "LogTurns", "Units", "ForecastCache");
  }

  /** Every import a test feature may need, so test sources show only what matters. */
  public static final String IMPORTS = """
      import com.fasterxml.jackson.annotation.JsonProperty;
      import com.fasterxml.jackson.annotation.JsonPropertyDescription;
      import com.fasterxml.jackson.databind.JsonNode;
      import dev.yoi.feature.FeatureModule;
      import dev.yoi.feature.InstallContext;
      import dev.yoi.feature.annotation.*;
      import dev.yoi.pod.hook.*;
      import dev.yoi.pod.task.*;
      import dev.yoi.pod.tool.*;
      import java.util.*;
      """;

  /**
   * A source for {@code p.Name} holding {@code body} after the package and {@link #IMPORTS}; the
   * file is p/Name.java, so {@code inFile} and {@code onLineContaining} locate errors in it.
   */
  public static JavaFileObject java(String qualifiedName, String body) {
    int dot = qualifiedName.lastIndexOf('.');
    String header = dot < 0 ? "" : "package " + qualifiedName.substring(0, dot) + ";\n";
    return JavaFileObjects.forSourceString(qualifiedName, header + IMPORTS + body);
  }

  /** A source from lines; the file name follows the class name. */
  static JavaFileObject source(String qualifiedName, String... lines) {
    return JavaFileObjects.forSourceLines(qualifiedName, lines);
  }

  public static String index(Compilation compilation) {
    return text(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/yoi/features.jsonl")
        .orElseThrow(() -> new AssertionError("no index generated: " + compilation.diagnostics())));
  }

  /**
   * The generated class file of descriptor class {@code qualifiedName} (a top-level class), as
   * {@code javap -p -c -constants} shows it: every member, constant value and instruction.
   */
  static String descriptorClass(Compilation compilation, String qualifiedName) {
    return javap(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, qualifiedName.replace('.', '/') + ".class")
        .orElseThrow(() -> new AssertionError(qualifiedName + " not generated: " + compilation.diagnostics())));
  }

  /** A class file as {@code javap -p -c -constants} shows it. */
  static String javap(javax.tools.FileObject file) {
    try {
      java.nio.file.Path temporary = java.nio.file.Files.createTempFile("generated", ".class");
      try (java.io.InputStream in = file.openInputStream()) {
        java.nio.file.Files.write(temporary, in.readAllBytes());
      }
      java.io.StringWriter out = new java.io.StringWriter();
      int exit = java.util.spi.ToolProvider.findFirst("javap").orElseThrow().run(new java.io.PrintWriter(out),
          new java.io.PrintWriter(out), "-p", "-c", "-constants", temporary.toString());
      java.nio.file.Files.delete(temporary);
      if (exit != 0) {
        throw new AssertionError("javap failed on " + file.toUri() + ":\n" + out);
      }
      // javap indents instructions by JDK (7 spaces in 17, 9 in 25): one indent, so goldens hold on both.
      return INSTRUCTION_INDENT.matcher(out.toString()).replaceAll("       $1");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final java.util.regex.Pattern INSTRUCTION_INDENT =
      java.util.regex.Pattern.compile("(?m)^ +(\\d+: )");

  /** The generated marker class files (package {@code dev.yoi.markers}), by file name. */
  static List<JavaFileObject> markerClasses(Compilation compilation) {
    List<JavaFileObject> out = new ArrayList<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.toUri().getPath().contains("/dev/yoi/markers/") && file.getKind() == JavaFileObject.Kind.CLASS) {
        out.add(file);
      }
    }
    out.sort(java.util.Comparator.comparing(f -> f.toUri().getPath()));
    return out;
  }

  public static String text(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(javax.tools.FileObject file) {
    try {
      return new String(file.openInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
