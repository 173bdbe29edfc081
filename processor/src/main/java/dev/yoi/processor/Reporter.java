package dev.yoi.processor;

import dev.yoi.descriptor.DiagnosticCode;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Where every build-time problem goes: one error, tagged with its code, attached to the element and,
 * when known, to the annotation and the value a person must change. Counts errors so the processor
 * knows which features are fit to generate.
 */
public final class Reporter {
  private final Messager messager;
  private int errors;

  public Reporter(Messager messager) {
    this.messager = messager;
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
    if (mirror == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, text, element);
    } else if (value == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, text, element, mirror);
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, text, element, mirror, value);
    }
  }

  /** An error located by another channel (the Trees API); counted like the others. */
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
}
