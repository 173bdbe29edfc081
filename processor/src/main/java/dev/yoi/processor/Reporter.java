package dev.yoi.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Problem;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic;

/**
 * Where every build-time problem goes: one error, tagged by its code's one formatter
 * ({@link DiagnosticCode#format}), attached to the element and,
 * when known, to the annotation and the value a person must change. Counts errors so the processor
 * knows which features are fit to generate.
 *
 * <p>javac cannot place a mirror that sits inside a repeatable annotation's implicit container
 * (two {@code @RequiresAuthority} on one class, say); with the Trees API available, such an error
 * goes on the written annotation and value instead of the class.
 */
public final class Reporter {
  private final Messager messager;
  private final Trees trees;
  private int errors;

  /** @param trees the javac Trees API, or null when the compiler does not offer it */
  public Reporter(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  /** The Trees API, or null when the compiler is not javac (or hides it behind a wrapper). */
  public static Trees treesOf(ProcessingEnvironment env) {
    try {
      return Trees.instance(env);
    } catch (IllegalArgumentException | LinkageError e) {
      return null;
    }
  }

  public void error(DiagnosticCode code, String message, Element element) {
    error(code, message, element, null, null);
  }

  public void error(DiagnosticCode code, String message, Element element, AnnotationMirror mirror) {
    error(code, message, element, mirror, null);
  }

  /** {@code mirror} and {@code value} may be null; the most precise location given is used. */
  public void error(
      DiagnosticCode code,
      String message,
      Element element,
      AnnotationMirror mirror,
      AnnotationValue value) {
    errors++;
    String text = code.format(message);
    if (mirror != null && !element.getAnnotationMirrors().contains(mirror) && printRepeated(text,
        element, mirror, value)) {
      return;
    }
    if (mirror == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, text, element);
    } else if (value == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, text, element, mirror);
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, text, element, mirror, value);
    }
  }

  /**
   * A typed problem on the element, and on the annotation and value a person must change when
   * given; its message is {@link Problem#message()}, formatted once, by the code.
   */
  public void error(Problem problem, Element element, AnnotationMirror mirror, AnnotationValue value) {
    error(problem.code(), problem.detail(), element, mirror, value);
  }

  /**
   * An error on a tree the Trees API found (an expression inside a method body, say), tagged and
   * counted like the others. Requires the Trees API ({@link #treesOf} not null).
   */
  public void error(DiagnosticCode code, String message, Tree tree, CompilationUnitTree unit) {
    errors++;
    trees.printMessage(Diagnostic.Kind.ERROR, code.format(message), tree, unit);
  }

  /**
   * An error printed by another channel; counted like the others. Prefer
   * {@link #error(DiagnosticCode, String, Tree, CompilationUnitTree)}, which also tags it.
   */
  public void counted() {
    errors++;
  }

  /** A problem with no element to attach to (writing the index, say). */
  public void error(DiagnosticCode code, String message) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, code.format(message));
  }

  /** Errors reported so far; compare before and after a check to learn whether it failed. */
  public int errorCount() {
    return errors;
  }

  /**
   * Prints on the source of a mirror held by a repeatable annotation's container: the n-th written
   * annotation of that type is the container's n-th value. False when it cannot be found.
   */
  private boolean printRepeated(String text, Element element, AnnotationMirror mirror, AnnotationValue value) {
    if (trees == null) {
      return false;
    }
    TreePath path = trees.getPath(element);
    if (path == null || !(path.getLeaf() instanceof ClassTree type)) {
      return false;
    }
    String simpleName = mirror.getAnnotationType().asElement().getSimpleName().toString();
    int index = indexInContainer(element, mirror);
    if (index < 0) {
      return false;
    }
    int seen = 0;
    for (AnnotationTree annotation : type.getModifiers().getAnnotations()) {
      String written = annotation.getAnnotationType().toString();
      if (!written.substring(written.lastIndexOf('.') + 1).equals(simpleName) || seen++ != index) {
        continue;
      }
      Tree target = annotation;
      String attribute = attributeOf(mirror, value);
      for (ExpressionTree argument : annotation.getArguments()) {
        if (argument instanceof AssignmentTree assignment
            && assignment.getVariable() instanceof IdentifierTree id
            && id.getName().contentEquals(attribute)) {
          target = assignment.getExpression();
        }
      }
      trees.printMessage(Diagnostic.Kind.ERROR, text, target, path.getCompilationUnit());
      return true;
    }
    return false;
  }

  private static int indexInContainer(Element element, AnnotationMirror mirror) {
    for (AnnotationMirror container : element.getAnnotationMirrors()) {
      for (AnnotationValue v : container.getElementValues().values()) {
        if (v.getValue() instanceof List<?> list) {
          for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof AnnotationValue item && item.getValue() == mirror) {
              return i;
            }
          }
        }
      }
    }
    return -1;
  }

  private static String attributeOf(AnnotationMirror mirror, AnnotationValue value) {
    if (value != null) {
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
          mirror.getElementValues().entrySet()) {
        if (e.getValue() == value) {
          return e.getKey().getSimpleName().toString();
        }
      }
    }
    return "";
  }
}
