package dev.yoi.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads annotation values through mirrors (never {@code getAnnotation}, which throws for
 * {@code Class} values), and finds the explicit {@link AnnotationValue} to attach an error to.
 */
public final class AnnotationReader {
  private AnnotationReader() {}

  /** The mirror of the annotation named {@code qualifiedName} on {@code element}, if present. */
  public static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (nameOf(mirror).equals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /**
   * Every instance of a repeatable annotation: written once it is the annotation itself, written
   * several times javac wraps them in the container.
   */
  public static List<AnnotationMirror> findRepeated(
      Element element, String qualifiedName, String containerName) {
    List<AnnotationMirror> out = new ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      String name = nameOf(mirror);
      if (name.equals(qualifiedName)) {
        out.add(mirror);
      } else if (name.equals(containerName)) {
        for (AnnotationValue value : list(mirror, "value")) {
          out.add((AnnotationMirror) value.getValue());
        }
      }
    }
    return out;
  }

  /** The annotation type's qualified name. */
  public static String nameOf(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  /** The value the author wrote, or empty when the default applies. */
  public static Optional<AnnotationValue> explicit(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** The value, written or default. */
  public static AnnotationValue value(AnnotationMirror mirror, String name) {
    Optional<AnnotationValue> written = explicit(mirror, name);
    if (written.isPresent()) {
      return written.get();
    }
    for (ExecutableElement method : methods(mirror)) {
      if (method.getSimpleName().contentEquals(name) && method.getDefaultValue() != null) {
        return method.getDefaultValue();
      }
    }
    throw new IllegalArgumentException(
        "@" + nameOf(mirror) + " has no value or default for " + name);
  }

  public static String string(AnnotationMirror mirror, String name) {
    Object value = value(mirror, name).getValue();
    return value instanceof String s ? s : String.valueOf(value);
  }

  public static boolean bool(AnnotationMirror mirror, String name) {
    return Boolean.TRUE.equals(value(mirror, name).getValue());
  }

  public static int integer(AnnotationMirror mirror, String name) {
    return ((Number) value(mirror, name).getValue()).intValue();
  }

  /** A {@code Class<?>} value as a type. */
  public static TypeMirror type(AnnotationMirror mirror, String name) {
    Object value = value(mirror, name).getValue();
    if (value instanceof TypeMirror type && type.getKind() != TypeKind.ERROR) {
      return type;
    }
    // javac gives the string "<error>" for a class literal it could not resolve.
    throw new UnresolvedTypeException("@" + nameOf(mirror) + "(" + name + ") = " + value);
  }

  /** An enum value's constant name. */
  public static String enumName(AnnotationValue value) {
    return ((VariableElement) value.getValue()).getSimpleName().toString();
  }

  /** An array value's elements. */
  @SuppressWarnings("unchecked")
  public static List<AnnotationValue> list(AnnotationMirror mirror, String name) {
    Object value = value(mirror, name).getValue();
    return value instanceof List<?> l ? (List<AnnotationValue>) l : List.of();
  }

  private static List<ExecutableElement> methods(AnnotationMirror mirror) {
    List<ExecutableElement> out = new ArrayList<>();
    for (Element e : mirror.getAnnotationType().asElement().getEnclosedElements()) {
      if (e instanceof ExecutableElement method) {
        out.add(method);
      }
    }
    return out;
  }
}
