package dev.yoi.cli.diagnostics;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/** javac with the real Yoi processor, over sources given as text, as a plugin build runs it. */
public final class Javac {
  static final String IMPORTS = String.join("\n",
      "import com.fasterxml.jackson.databind.JsonNode;",
      "import dev.yoi.feature.*;",
      "import dev.yoi.feature.annotation.*;",
      "import dev.yoi.pod.hook.*;",
      "import dev.yoi.pod.task.*;",
      "import dev.yoi.pod.tool.*;",
      "");

  private static final String NO_PROCESSOR = "-proc:none";

  /** What a compilation said: whether it succeeded, and every error message. */
  record Result(boolean ok, List<String> errors) {}

  private Javac() {}

  /** Compiles {@code sources} (each {@code package ..; ...}; the imports above are added) into {@code out}. */
  static Result compile(Path out, String... sources) {
    return compile(out, List.of(), sources);
  }

  /** {@link #compile(Path, String...)} with {@code options} added to javac's, e.g. {@code -Ayoi.runtime=..}. */
  static Result compile(Path out, List<String> extraOptions, String... sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Files.createDirectories(out);
      List<Path> classPath = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        classPath.add(Path.of(entry));
      }
      if (extraOptions.contains(NO_PROCESSOR)) {
        classPath.add(out);
      }
      files.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
      List<JavaFileObject> units = new ArrayList<>();
      for (String source : sources) {
        units.add(unit(source));
      }
      List<String> options = new ArrayList<>(extraOptions.contains(NO_PROCESSOR) ? List.of()
          : List.of("-processor", "dev.yoi.processor.FeatureProcessor", "-Ayoi.module=examples", "-Ayoi.version=1.0.0"));
      options.addAll(extraOptions);
      boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.add(d.getMessage(Locale.ROOT));
        }
      }
      return new Result(ok, errors);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compiles with no annotation processor at all, as a build where it did not run (JDK 23 and
   * later with the processor only on the class path), and fails the test unless it succeeds.
   * {@code out} is on the class path too, so a source may use classes compiled there before.
   */
  public static Path compileWithoutProcessor(Path out, String... sources) {
    return compileOk(out, List.of(NO_PROCESSOR), sources);
  }

  /** Compiles and fails the test unless it succeeds. */
  public static Path compileOk(Path out, String... sources) {
    return compileOk(out, List.of(), sources);
  }

  private static Path compileOk(Path out, List<String> extraOptions, String... sources) {
    Result result = compile(out, extraOptions, sources);
    if (!result.ok()) {
      throw new AssertionError("did not compile: " + result.errors());
    }
    return out;
  }

  private static JavaFileObject unit(String source) {
    Matcher pkg = Pattern.compile("package ([\\w.]+);").matcher(source);
    Matcher cls = Pattern.compile("(?:public )?(?:final |abstract )?(?:class|interface|record) (\\w+)").matcher(source);
    if (!pkg.find() || !cls.find()) {
      throw new IllegalArgumentException("no package or class in:\n" + source);
    }
    String name = pkg.group(1).replace('.', '/') + "/" + cls.group(1);
    String text = "package " + pkg.group(1) + ";\n" + IMPORTS + source.substring(pkg.end());
    return new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    };
  }
}
