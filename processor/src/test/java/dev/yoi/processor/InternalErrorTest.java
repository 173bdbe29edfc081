package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.yoi.processor.Compilations.java;

import com.google.testing.compile.Compilation;
import dev.yoi.processor.check.FeatureValidator;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A processor exception is a [yoi/internal-error] on the element being processed, never a crash. */
class InternalErrorTest {
  private static final JavaFileObject FEATURE = java("p.F", """
      @Feature(id = "f", name = "F")
      public class F implements FeatureModule {
        public void install(InstallContext context) {}
      }
      """);

  private static Compilation compileWith(FeatureValidator validator, JavaFileObject... sources) {
    return javac().withProcessors(new FeatureProcessor(List.of(validator)))
        .withOptions("-Ayoi.version=1.0.0").compile(sources);
  }

  @Test
  void aValidatorThatThrowsBecomesAnInternalErrorOnTheFeature() {
    Compilation c = compileWith(model -> {
      throw new IllegalStateException("validator exploded on " + model.slug());
    }, FEATURE);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[yoi/internal-error] the Yoi processor failed while processing p.F")
        .inFile(FEATURE).onLineContaining("public class F");
    assertThat(c).hadErrorContaining("java.lang.IllegalStateException: validator exploded on f");
    assertThat(c).hadErrorContaining("This is a bug in the processor");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aStackOverflowIsAlsoReportedNotThrown() {
    Compilation c = compileWith(model -> {
      throw new StackOverflowError();
    }, FEATURE);
    assertThat(c).hadErrorContaining("[yoi/internal-error]").inFile(FEATURE).onLineContaining("public class F");
  }

  @Test
  void anAssertionErrorFromJavacInternalsIsReportedNotThrown() {
    // What javac's on-demand attribution throws from Trees.getElement on some broken sources.
    Compilation c = compileWith(model -> {
      throw new AssertionError("javac: unexpected tree");
    }, FEATURE);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[yoi/internal-error]").inFile(FEATURE).onLineContaining("public class F");
    assertThat(c).hadErrorContaining("java.lang.AssertionError: javac: unexpected tree");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aFailingFeatureDoesNotStopTheOthers() {
    JavaFileObject other = java("p.G", """
        @Feature(id = "g", name = "G")
        public class G implements FeatureModule {
          public void install(InstallContext context) {}
        }
        """);
    List<String> validated = new java.util.ArrayList<>();
    Compilation c = compileWith(model -> {
      validated.add(model.slug());
      if (model.slug().equals("f")) {
        throw new IllegalStateException("only f");
      }
    }, FEATURE, other);
    assertThat(c).hadErrorContaining("[yoi/internal-error]").inFile(FEATURE).onLineContaining("public class F");
    assertThat(c).hadErrorCount(1);
    org.junit.jupiter.api.Assertions.assertEquals(List.of("f", "g"), validated);
  }
}
