package dev.yoi.testkit;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * javac over whole source files (package, imports and all), as a plugin build runs it: the Yoi
 * processor named explicitly (javac from JDK 23 on runs no processor it only finds on the class
 * path), found on the test class path.
 */
final class PluginCompiler {
  static final String PROCESSOR = "dev.yoi.processor.FeatureProcessor";

  /** What javac said: whether it succeeded, and every error and warning with its line. */
  record Result(boolean ok, List<String> errors) {}

  private PluginCompiler() {}

  /** Compiles with the processor and fails the test unless javac succeeds. */
  static Path compile(Path out, String... sources) {
    Result result = compile(out, List.of("-processor", PROCESSOR, "-Ayoi.module=test", "-Ayoi.version=1.0.0"), sources);
    if (!result.ok()) {
      throw new AssertionError("did not compile:\n" + String.join("\n", result.errors()));
    }
    return out;
  }

  /** Compiles {@code sources} into {@code out} with {@code options}, over the test class path. */
  static Result compile(Path out, List<String> options, String... sources) {
    return compile(out, List.of(), options, sources);
  }

  /** As {@link #compile(Path, List, String...)}, with {@code classPath} before the test class path. */
  static Result compile(Path out, List<Path> classPathFirst, List<String> options, String... sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Files.createDirectories(out);
      List<Path> classPath = new ArrayList<>(classPathFirst);
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        classPath.add(Path.of(entry));
      }
      files.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
      List<JavaFileObject> units = new ArrayList<>();
      for (String source : sources) {
        units.add(unit(source));
      }
      boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() != Diagnostic.Kind.NOTE && d.getKind() != Diagnostic.Kind.OTHER) {
          String where = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ";
          errors.add(d.getKind().name().toLowerCase(Locale.ROOT) + ": " + where + d.getMessage(Locale.ROOT));
        }
      }
      return new Result(ok, errors);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Packs a compiled directory into a jar, as a plugin ships. */
  static Path jar(Path classes, Path jar) {
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(p));
        out.closeEntry();
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A source file named for its package and first top-level type, as javac expects of a public class. */
  static JavaFileObject unit(String source) {
    Matcher pkg = Pattern.compile("(?m)^package ([\\w.]+);").matcher(source);
    Matcher type = Pattern.compile("(?m)^(?:public )?(?:final |abstract |sealed )?(?:class|interface|record|enum) (\\w+)").matcher(source);
    if (!type.find()) {
      throw new IllegalArgumentException("no top-level type in:\n" + source);
    }
    String dir = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
    return new SimpleJavaFileObject(URI.create("string:///" + dir + type.group(1) + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
  }
}
