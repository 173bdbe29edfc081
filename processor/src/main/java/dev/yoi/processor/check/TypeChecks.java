package dev.yoi.processor.check;

import dev.yoi.processor.model.UnresolvedTypeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Subtype questions by type name, for types the processor knows only by name. Looks each name up
 * once per compilation.
 */
public final class TypeChecks {
  private final Elements elements;
  private final Types types;
  private final Map<String, Optional<TypeMirror>> erased = new HashMap<>();

  public TypeChecks(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** Whether the type named {@code qualifiedName} is on the compile classpath. */
  public boolean known(String qualifiedName) {
    return erasure(qualifiedName).isPresent();
  }

  /** Whether {@code element} is a subtype of the (erased) type named {@code qualifiedName}. */
  public boolean isA(TypeElement element, String qualifiedName) {
    Optional<TypeMirror> target = erasure(qualifiedName);
    return target.isPresent() && types.isSubtype(types.erasure(element.asType()), target.get());
  }

  public boolean isA(TypeMirror type, TypeMirror target) {
    return types.isSubtype(types.erasure(type), types.erasure(target));
  }

  /**
   * Whether {@code thrown}, from a {@code throws} clause, is a checked exception: not a subtype of
   * {@code RuntimeException} or {@code Error}. An unresolved type is not (no false error).
   */
  public boolean isChecked(TypeMirror thrown) {
    if (thrown.getKind() == TypeKind.ERROR) {
      return false;
    }
    TypeMirror type = types.erasure(thrown);
    return !erasure(RuntimeException.class.getName()).map(t -> types.isSubtype(type, t)).orElse(true)
        && !erasure(Error.class.getName()).map(t -> types.isSubtype(type, t)).orElse(true);
  }

  /** Names of the types in {@code candidates} that {@code element} is a subtype of, in their order. */
  public List<String> implemented(TypeElement element, List<String> candidates) {
    List<String> out = new ArrayList<>();
    for (String candidate : candidates) {
      if (isA(element, candidate)) {
        out.add(candidate);
      }
    }
    return out;
  }

  /**
   * Throws when a supertype of {@code element} is not resolved yet; subtype answers would be wrong
   * until it is.
   */
  public void requireResolved(TypeElement element) {
    requireResolved(element.asType(), 0);
  }

  private void requireResolved(TypeMirror type, int depth) {
    if (depth > 64) {
      return;
    }
    for (TypeMirror sup : types.directSupertypes(type)) {
      if (sup.getKind() == TypeKind.ERROR) {
        throw new UnresolvedTypeException(sup.toString());
      }
      requireResolved(sup, depth + 1);
    }
  }

  private Optional<TypeMirror> erasure(String qualifiedName) {
    return erased.computeIfAbsent(qualifiedName, name -> {
      TypeElement element = elements.getTypeElement(name);
      return element == null ? Optional.empty() : Optional.of(types.erasure(element.asType()));
    });
  }
}
