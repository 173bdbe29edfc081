package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.yoi.processor.Compilations.compile;
import static dev.yoi.processor.Compilations.java;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.yoi.descriptor.IndexEntry;
import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.RuntimeKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** What a valid feature gets: no diagnostics, an index the runtime reads, the options honoured. */
class ValidFeatureTest {
  @Test
  void aFeatureUsingEveryAnnotationCompilesWithoutWarningsOrErrors() {
    Compilation c = compile(Compilations.weather());
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, "com/acme/weather/WeatherFeature_FeatureDescriptor.class");
    assertEquals(1, Compilations.markerClasses(c).size(), "one marker for the round");
    assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/yoi/features.jsonl");
  }

  @Test
  void theIndexReadsBackAsValidLinesWithTheModuleName() {
    Compilation c = compile(Compilations.weather());
    List<IndexEntry> entries = IndexFile.read("test", Compilations.index(c).getBytes(StandardCharsets.UTF_8));
    assertEquals(1, entries.size());
    IndexEntry.Valid valid = (IndexEntry.Valid) entries.get(0);
    assertEquals(Compilations.MODULE, valid.line().module());
    assertEquals("com.acme.weather.WeatherFeature_FeatureDescriptor", valid.line().descriptorClass());
    assertEquals(RuntimeKind.JVM_PLUGIN, valid.line().descriptor().runtime());
  }

  @Test
  void moduleDefaultsToUnnamedAndRuntimeOptionSelectsBuiltin() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F", version = "1.0.0")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = javac().withProcessors(new FeatureProcessor()).withOptions("-Ayoi.runtime=builtin")
        .compile(src);
    assertThat(c).succeededWithoutWarnings();
    IndexEntry.Valid valid = (IndexEntry.Valid) IndexFile.read("test",
        Compilations.index(c).getBytes(StandardCharsets.UTF_8)).get(0);
    assertEquals(FeatureProcessor.DEFAULT_MODULE, valid.line().module());
    assertEquals("unnamed", valid.line().module());
    assertEquals(RuntimeKind.BUILTIN, valid.line().descriptor().runtime());
    assertTrue(Compilations.descriptorClass(c, "p.F_FeatureDescriptor").contains("\\\"runtime\\\":\\\"builtin\\\""));
  }

  @Test
  void anUnknownRuntimeOptionFailsTheBuildAsAnInvalidOption() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F", version = "1.0.0")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    Compilation c = compile(List.of("-Ayoi.runtime=wasm"), src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[yoi/invalid-option] processor option -Ayoi.runtime=\"wasm\"")
        .inFile(src).onLineContaining("@Feature(");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aModuleWithoutFeaturesWritesNoIndex() {
    // Without options: javac warns about options when no annotation brought any processor in.
    Compilation c = javac().withProcessors(new FeatureProcessor())
        .compile(java("p.Plain", "public class Plain {}\n"));
    assertThat(c).succeededWithoutWarnings();
    assertFalse(c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/yoi/features.jsonl").isPresent());
  }

  @Test
  void aFailedBuildWritesNoIndex() {
    Compilation c = compile(java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """), java("p.Bad", """
        @Feature(id = "BAD", name = "Bad")
        public class Bad implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """));
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void theProcessorIsRegisteredAndDeclaredAggregatingToGradle() throws IOException {
    assertEquals("dev.yoi.processor.FeatureProcessor,aggregating",
        resource("META-INF/gradle/incremental.annotation.processors").strip());
    boolean registered = false;
    for (URL url : Collections.list(getClass().getClassLoader()
        .getResources("META-INF/services/javax.annotation.processing.Processor"))) {
      try (InputStream in = url.openStream()) {
        registered |= new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .contains("dev.yoi.processor.FeatureProcessor");
      }
    }
    assertTrue(registered, "no META-INF/services entry for the processor");
  }

  @Test
  void aToolInputGeneratedByAnotherProcessorIsWaitedFor() {
    JavaFileObject src = java("p.F", """
        @Feature(id = "f", name = "F")
        public class F implements FeatureModule {
          public void install(InstallContext context) { context.tools().register(new T()); }
          @ToolContribution(name = "T", description = "d")
          public static class T implements Tool<p.gen.Query> {
            public ToolResult call(p.gen.Query in, ToolContext ctx) { return ToolResult.text(""); }
          }
        }
        """);
    Compilation c = javac().withProcessors(new RecordGenerator(), new FeatureProcessor())
        .withOptions("-Ayoi.version=1.0.0").compile(src);
    assertThat(c).succeededWithoutWarnings();
    assertTrue(Compilations.index(c).contains("\"required\":[\"text\",\"limit\"]"), Compilations.index(c));
  }

  @Test
  void featuresCostJavacNoFurtherProcessingRound() {
    // The descriptor and marker classes are resources to javac: like AutoService's files, they
    // make it run no round beyond the first and the last, each of which enters every source again.
    RoundCounter rounds = new RoundCounter();
    Compilation c = javac().withProcessors(new FeatureProcessor(), rounds)
        .withOptions("-Ayoi.version=1.0.0", "-Ayoi.module=" + Compilations.MODULE)
        .compile(Compilations.weather());
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, "com/acme/weather/WeatherFeature_FeatureDescriptor.class");
    assertEquals(1, Compilations.markerClasses(c).size(), "one marker for the round");
    assertEquals(List.of(false, true), rounds.processingOver, "javac's rounds, by processingOver()");
  }

  /** Records each round javac runs: whether it is the last. */
  private static final class RoundCounter extends AbstractProcessor {
    final List<Boolean> processingOver = new java.util.ArrayList<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      processingOver.add(round.processingOver());
      return false;
    }
  }

  /** Generates p.gen.Query in the first round, as another annotation processor might. */
  private static final class RecordGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("p.gen.Query").openWriter()) {
          w.write("package p.gen; public record Query(String text, int limit) {}");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ValidFeatureTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
