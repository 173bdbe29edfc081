package dev.yoi.processor.model;

import static dev.yoi.processor.model.AnnotationReader.bool;
import static dev.yoi.processor.model.AnnotationReader.enumName;
import static dev.yoi.processor.model.AnnotationReader.integer;
import static dev.yoi.processor.model.AnnotationReader.list;
import static dev.yoi.processor.model.AnnotationReader.string;
import static dev.yoi.processor.model.AnnotationReader.type;

import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.feature.annotation.RequiresAuthority;
import dev.yoi.feature.annotation.RequiresService;
import dev.yoi.feature.annotation.RestartPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Turns annotated classes into declarations. Reads only; every check is a validator's job. */
public final class ModelReader {
  private ModelReader() {}

  public static FeatureDecl feature(TypeElement element) {
    AnnotationMirror mirror = AnnotationReader.find(element, Feature.class.getName()).orElseThrow();
    List<ServiceRequestDecl> services = new ArrayList<>();
    for (AnnotationMirror m : AnnotationReader.findRepeated(
        element, RequiresService.class.getName(), RequiresService.List.class.getCanonicalName())) {
      services.add(new ServiceRequestDecl(m, string(m, "id"), string(m, "version"),
          type(m, "type"), bool(m, "optional"), string(m, "reason")));
    }
    List<AuthorityDecl> authorities = new ArrayList<>();
    for (AnnotationMirror m : AnnotationReader.findRepeated(
        element, RequiresAuthority.class.getName(), RequiresAuthority.List.class.getCanonicalName())) {
      authorities.add(new AuthorityDecl(m,
          AuthorityKind.valueOf(enumName(AnnotationReader.value(m, "value"))),
          string(m, "scope"), bool(m, "optional"), string(m, "reason")));
    }
    return new FeatureDecl(element, mirror, string(mirror, "id"), string(mirror, "name"),
        string(mirror, "version"), string(mirror, "description"), services, authorities);
  }

  /** The contribution of {@code kind} declared on {@code element}. */
  public static Contribution contribution(TypeElement element, ContributionKind kind) {
    AnnotationMirror m =
        AnnotationReader.find(element, kind.annotation().getName()).orElseThrow();
    Optional<TypeMirror> owner = owner(m);
    return switch (kind) {
      case TOOL -> {
        List<AuthorityKind> requires = new ArrayList<>();
        for (AnnotationValue v : list(m, "requires")) {
          requires.add(AuthorityKind.valueOf(enumName(v)));
        }
        yield new Contribution.Tool(element, m, string(m, "name"), string(m, "description"),
            requires, owner);
      }
      case HOOK -> new Contribution.Hook(element, m, string(m, "name"), integer(m, "order"), owner);
      case TASK -> new Contribution.Task(element, m, string(m, "name"), string(m, "description"),
          string(m, "every"), RestartPolicy.valueOf(enumName(AnnotationReader.value(m, "restart"))),
          owner);
      case SERVICE -> new Contribution.Service(element, m, string(m, "id"), string(m, "version"),
          type(m, "type"), bool(m, "privileged"), owner);
    };
  }

  /**
   * The class {@code element}'s {@code kind} annotation makes its owner, reporting nothing: the
   * one {@code feature = X.class} names (whatever it is), else the nearest enclosing
   * {@code @Feature} class. Empty when there is none. Throws {@link UnresolvedTypeException} when
   * the named class is not resolved yet.
   */
  public static Optional<TypeElement> claimedOwner(TypeElement element, ContributionKind kind) {
    Optional<AnnotationMirror> m = AnnotationReader.find(element, kind.annotation().getName());
    if (m.isEmpty()) {
      return Optional.empty();
    }
    Optional<TypeMirror> declared = owner(m.get());
    if (declared.isPresent()) {
      return declared.get() instanceof DeclaredType type && type.asElement() instanceof TypeElement owner
          ? Optional.of(owner) : Optional.empty();
    }
    for (Element e = element.getEnclosingElement(); e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement type && AnnotationReader.find(type, Feature.class.getName()).isPresent()) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  private static Optional<TypeMirror> owner(AnnotationMirror mirror) {
    TypeMirror owner = type(mirror, "feature");
    return owner.getKind() == TypeKind.VOID ? Optional.empty() : Optional.of(owner);
  }
}
