package dev.yoi.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.yoi.processor.Compilations.java;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.processor.model.AnnotationReader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The Reporter tags every error through its code's one formatter, wherever the error goes. */
class ReporterTest {
  private static final JavaFileObject FEATURE = java("p.F", """
      @Feature(name = "F",
          id = "f")
      public class F implements FeatureModule {
        public void install(InstallContext context) {}
      }
      """);

  @Test
  void aTypedProblemIsTaggedOnceOnTheAnnotationValue() {
    AtomicInteger counted = new AtomicInteger();
    Compilation c = compileReporting((reporter, type, trees) -> {
      AnnotationMirror feature = AnnotationReader.find(type, Feature.class.getName()).orElseThrow();
      reporter.error(DiagnosticCode.INVALID_ID.problem("a detail").prefixed("feature f: ").suffixed("."),
          type, feature, AnnotationReader.explicit(feature, "id").orElseThrow());
      counted.set(reporter.errorCount());
    });
    assertThat(c).hadErrorContaining("[yoi/invalid-id] feature f: a detail.").inFile(FEATURE)
        .onLineContaining("id = \"f\"");
    assertEquals(1, c.errors().get(0).getMessage(null).split("\\[yoi/", -1).length - 1);
    assertEquals(1, counted.get());
  }

  @Test
  void anErrorOnATreeIsTaggedAndCountedLikeTheOthers() {
    AtomicInteger counted = new AtomicInteger();
    Compilation c = compileReporting((reporter, type, trees) -> {
      TreePath path = trees.getPath(type);
      reporter.error(DiagnosticCode.UNDECLARED_CONTRIBUTION, "found in a method body", path.getLeaf(),
          path.getCompilationUnit());
      counted.set(reporter.errorCount());
    });
    assertThat(c).hadErrorContaining("[yoi/undeclared-contribution] found in a method body")
        .inFile(FEATURE).onLineContaining("public class F");
    assertEquals(1, counted.get());
  }

  /** What a test reports, given a Reporter over javac's Messager and Trees, on the feature class. */
  private interface Report {
    void on(Reporter reporter, TypeElement feature, Trees trees);
  }

  private static Compilation compileReporting(Report report) {
    return javac().withProcessors(new AbstractProcessor() {
      @Override
      public Set<String> getSupportedAnnotationTypes() {
        return Set.of(Feature.class.getName());
      }

      @Override
      public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
      }

      @Override
      public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Trees trees = Reporter.treesOf(processingEnv);
        for (Element e : round.getElementsAnnotatedWith(Feature.class)) {
          report.on(new Reporter(processingEnv.getMessager(), trees), (TypeElement) e, trees);
        }
        return false;
      }
    }).compile(FEATURE);
  }
}
