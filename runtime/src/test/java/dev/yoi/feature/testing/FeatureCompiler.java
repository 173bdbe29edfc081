package dev.yoi.feature.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
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
 * Compiles feature sources the way users build them: javac with the Yoi annotation processor,
 * into a fresh directory (optionally a jar) holding the classes, the generated descriptor classes
 * and {@code META-INF/yoi/features.jsonl}. Each test gets its own feature set.
 */
public final class FeatureCompiler {
  /** The processor users build with (runtime's test dependency on yoi-processor). */
  public static final String PROCESSOR = "dev.yoi.processor.FeatureProcessor";

  private FeatureCompiler() {}

  /** One source file: its binary top-level class name and its text. */
  public record Source(String className, String text) {}

  public static Source source(String className, String text) {
    return new Source(className, text);
  }

  /**
   * A source whose class name is read from its text: the {@code package} line and the first
   * {@code public final class} (or {@code public class}). Common feature imports are added.
   */
  public static Source java(String text) {
    java.util.regex.Matcher pkg = java.util.regex.Pattern.compile("package ([\\w.]+);").matcher(text);
    java.util.regex.Matcher cls = java.util.regex.Pattern.compile("public (?:final )?(?:class|interface) (\\w+)").matcher(text);
    if (!pkg.find() || !cls.find()) {
      throw new IllegalArgumentException("no package or public class in:\n" + text);
    }
    String body = text.substring(pkg.end());
    return new Source(pkg.group(1) + "." + cls.group(1), "package " + pkg.group(1) + ";\n" + IMPORTS + body);
  }

  /** What every test feature source imports. */
  public static final String IMPORTS = String.join("\n",
      "import com.fasterxml.jackson.databind.JsonNode;",
      "import dev.yoi.feature.*;",
      "import dev.yoi.feature.annotation.*;",
      "import dev.yoi.pod.hook.*;",
      "import dev.yoi.pod.task.*;",
      "import dev.yoi.pod.tool.*;",
      "import java.util.function.Supplier;",
      "");

  /**
   * Compiles {@code sources} into {@code out} (created), with the processor, module name
   * {@code test}, default version {@code 1.0.0} and runtime {@code builtin}, as the builtins' own
   * build does: most tests host their features through the host's loader ({@code BUILTIN}), where
   * the standard policy refuses a feature built as a plugin. Loaded as a user or project plugin,
   * such a feature is approved like any other (the runtime kind is not looked at there). Fails the
   * test on any compile error.
   */
  public static Path compile(Path out, Source... sources) {
    return compile(out, List.of(), sources);
  }

  /** As {@link #compile(Path, Source...)}, with extra directories on the class path. */
  public static Path compile(Path out, List<Path> classpath, Source... sources) {
    return compile(out, classpath, "builtin", sources);
  }

  /** As {@link #compile(Path, Source...)}, built as a plugin is (runtime {@code jvm_plugin}). */
  public static Path compilePlugin(Path out, Source... sources) {
    return compile(out, List.of(), "jvm_plugin", sources);
  }

  private static Path compile(Path out, List<Path> classpath, String runtime, Source... sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Files.createDirectories(out);
      List<Path> path = new ArrayList<>(classpath);
      for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        path.add(Path.of(entry));
      }
      files.setLocationFromPaths(StandardLocation.CLASS_PATH, path);
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
      List<JavaFileObject> units = new ArrayList<>();
      for (Source source : sources) {
        units.add(new SimpleJavaFileObject(
            URI.create("string:///" + source.className().replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source.text();
          }
        });
      }
      List<String> options = List.of("-processor", PROCESSOR, "-Ayoi.module=test", "-Ayoi.version=1.0.0",
          "-Ayoi.runtime=" + runtime);
      boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
      if (!ok) {
        StringBuilder errors = new StringBuilder("feature sources did not compile:");
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
          errors.append("\n  ").append(d.getKind()).append(": ").append(d.getMessage(Locale.ROOT));
        }
        throw new AssertionError(errors.toString());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Packs a compiled directory into a jar, as a plugin ships. */
  public static Path jar(Path classes, Path jar) {
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

  /** A loader over compiled output, delegating to the test's loader (which holds the runtime). */
  public static URLClassLoader loader(Path... classes) {
    return Indexes.loader(classes);
  }

  /** The text of a compiled module's index. */
  public static String index(Path classes) {
    try {
      return Files.readString(classes.resolve(dev.yoi.descriptor.IndexLine.INDEX_PATH));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces a compiled module's index text. */
  public static void rewriteIndex(Path classes, String text) {
    try {
      Files.writeString(classes.resolve(dev.yoi.descriptor.IndexLine.INDEX_PATH), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
