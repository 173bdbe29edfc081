package dev.yoi.processor.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.processor.Compilations;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The generated corpus (see {@link Corpus}): every invalid case gives exactly one error, with its own
 * code, on the line a person must change, and no {@code yoi/internal-error}; every valid case
 * compiles with no error and no warning at all. Each case is its own test, named for what it varies.
 */
class ProcessorCorpusTest {

  @TestFactory
  Stream<DynamicTest> eachInvalidSourceGivesItsOwnCodeOnTheLineToChange() {
    return Corpus.invalid().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> checkInvalid(c)));
  }

  @TestFactory
  Stream<DynamicTest> eachValidSourceCompilesWithoutErrorsOrWarnings() {
    return Corpus.valid().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> checkValid(c)));
  }

  @Test
  void theInvalidCorpusHasAtLeastEightyCasesAndCoversEveryBuildTimeCode() {
    List<Corpus.Case> invalid = Corpus.invalid();
    assertTrue(invalid.size() >= 80, "only " + invalid.size() + " invalid cases");
    Set<DiagnosticCode> covered = invalid.stream().map(Corpus.Case::code)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(DiagnosticCode.class)));
    Set<DiagnosticCode> expected = EnumSet.copyOf(DiagnosticCode.buildTime());
    expected.remove(DiagnosticCode.INTERNAL_ERROR); // what the corpus proves never happens
    expected.removeAll(covered);
    assertEquals(Set.of(), expected, "build-time codes no corpus case produces");
  }

  @Test
  void everyCaseHasADistinctName() {
    List<String> names = Stream.concat(Corpus.invalid().stream(), Corpus.valid().stream())
        .map(Corpus.Case::name).toList();
    assertEquals(names.size(), Set.copyOf(names).size(), "duplicate case names");
  }

  private static void checkInvalid(Corpus.Case c) {
    Template.Rendered rendered = c.template().render(c.overrides());
    Template.Location expected = c.expected(rendered);
    Compilation compilation = compile(c, rendered);
    List<Diagnostic<? extends JavaFileObject>> errors = errors(compilation);
    String context = "\n" + c.name() + "\nexpected " + c.code().tag() + " at " + expected + "\n" + describe(compilation) + rendered.listing();

    if (errors.stream().anyMatch(d -> message(d).contains(DiagnosticCode.INTERNAL_ERROR.tag()))) {
      fail("the processor failed internally" + context);
    }
    if (errors.size() != 1) {
      fail(errors.size() + " errors instead of exactly one" + context);
    }
    Diagnostic<? extends JavaFileObject> error = errors.get(0);
    assertTrue(message(error).startsWith(c.code().tag()), "wrong code" + context);
    assertTrue(error.getSource() != null && error.getSource().getName().replaceFirst("^/", "").equals(expected.path()),
        "wrong file" + context);
    assertEquals(expected.line(), error.getLineNumber(), "wrong line" + context);
  }

  private static void checkValid(Corpus.Case c) {
    Template.Rendered rendered = c.template().render(c.overrides());
    Compilation compilation = compile(c, rendered);
    List<Diagnostic<? extends JavaFileObject>> problems = compilation.diagnostics().stream()
        .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
        .collect(Collectors.toList());
    if (!problems.isEmpty()) {
      fail(c.name() + ": a valid source gave errors or warnings\n" + describe(compilation) + rendered.listing());
    }
    assertTrue(Compilations.index(compilation).contains("\"format\":1"));
  }

  private static Compilation compile(Corpus.Case c, Template.Rendered rendered) {
    return Compilations.compile(c.options(), rendered.sources().toArray(JavaFileObject[]::new));
  }

  private static List<Diagnostic<? extends JavaFileObject>> errors(Compilation compilation) {
    return compilation.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .collect(Collectors.toList());
  }

  private static String message(Diagnostic<?> d) {
    return d.getMessage(Locale.ROOT);
  }

  private static String describe(Compilation compilation) {
    StringBuilder out = new StringBuilder("diagnostics:\n");
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      out.append("  ").append(d.getKind()).append(' ')
          .append(d.getSource() == null ? "-" : d.getSource().getName()).append(':').append(d.getLineNumber())
          .append("  ").append(message(d).replace("\n", "\n      ")).append('\n');
    }
    return out.toString();
  }
}
