package dev.yoi.processor.check;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.processor.Reporter;
import dev.yoi.processor.model.AnnotationReader;
import dev.yoi.processor.model.AuthorTypes;
import dev.yoi.processor.model.Contribution;
import dev.yoi.processor.model.FeatureModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Ownership, supertypes and instantiability: {@code orphan-contribution}, {@code wrong-supertype},
 * {@code not-instantiable}.
 */
public final class OwnershipValidator implements FeatureValidator {
  private final Reporter reporter;
  private final TypeChecks typeChecks;
  private final Types types;

  public OwnershipValidator(Reporter reporter, TypeChecks typeChecks, Types types) {
    this.reporter = reporter;
    this.typeChecks = typeChecks;
    this.types = types;
  }

  /**
   * The {@code @Feature} class that owns {@code c}: the one named by {@code feature = X.class}, else
   * the nearest enclosing {@code @Feature} class. Empty, and {@code orphan-contribution} reported,
   * when there is none. {@code localFeatures} are the features of this compilation (by canonical
   * name): a contribution cannot join a feature compiled elsewhere.
   */
  public Optional<TypeElement> ownerOf(Contribution c, Set<String> localFeatures) {
    String what = c.kind().noun() + " \"" + c.name() + "\" (" + c.element().getQualifiedName() + ")";
    if (c.declaredOwner().isPresent()) {
      Element owner = types.asElement(c.declaredOwner().get());
      var value = AnnotationReader.explicit(c.mirror(), "feature").orElse(null);
      if (!(owner instanceof TypeElement ownerType)
          || AnnotationReader.find(owner, Feature.class.getName()).isEmpty()) {
        reporter.error(DiagnosticCode.ORPHAN_CONTRIBUTION, what + " names feature = "
            + c.declaredOwner().get() + ".class, which is not annotated @Feature. Point feature at"
            + " the @Feature class that installs it, or annotate that class with @Feature.",
            c.element(), c.mirror(), value);
        return Optional.empty();
      }
      if (!localFeatures.contains(ownerType.getQualifiedName().toString())) {
        reporter.error(DiagnosticCode.ORPHAN_CONTRIBUTION, what + " names feature = "
            + ownerType.getQualifiedName() + ".class, which is compiled in another module; a"
            + " feature's descriptor is generated where the feature is compiled. Move the"
            + " contribution into that module, or declare a @Feature in this one.",
            c.element(), c.mirror(), value);
        return Optional.empty();
      }
      return Optional.of(ownerType);
    }
    for (Element e = c.element().getEnclosingElement(); e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement type && AnnotationReader.find(type, Feature.class.getName()).isPresent()) {
        return Optional.of(type);
      }
    }
    reporter.error(DiagnosticCode.ORPHAN_CONTRIBUTION, what + " belongs to no feature: it is not"
        + " nested in a @Feature class and names none. Nest it in its feature's class, or write "
        + c.kind().annotationLabel() + "(..., feature = YourFeature.class).",
        c.element());
    return Optional.empty();
  }

  @Override
  public void validate(FeatureModel model) {
    checkFeature(model);
    for (Contribution c : model.contributions()) {
      checkSupertype(model, c);
      checkConstructible(model, c);
    }
  }

  private void checkFeature(FeatureModel model) {
    TypeElement f = model.feature().element();
    String feature = "feature " + model.slug() + " (" + f.getQualifiedName() + ")";
    if (f.getKind() != ElementKind.CLASS && f.getKind() != ElementKind.RECORD) {
      reporter.error(DiagnosticCode.NOT_INSTANTIABLE, feature + " is " + article(f.getKind())
          + "; @Feature goes on a public class with a public no-argument constructor that"
          + " implements " + AuthorTypes.FEATURE_MODULE + ".", f);
      return;
    }
    if (typeChecks.known(AuthorTypes.FEATURE_MODULE) && !typeChecks.isA(f, AuthorTypes.FEATURE_MODULE)) {
      reporter.error(DiagnosticCode.WRONG_SUPERTYPE, feature + " does not implement "
          + AuthorTypes.FEATURE_MODULE + "; add \"implements FeatureModule\" and an install method.",
          f);
    }
    String why = null;
    if (f.getModifiers().contains(Modifier.ABSTRACT)) {
      why = "is abstract; make it concrete";
    } else if (f.getNestingKind() == NestingKind.MEMBER && !f.getModifiers().contains(Modifier.STATIC)) {
      why = "is an inner (non-static) class; make it static";
    } else if (!publicAllTheWay(f)) {
      why = "is not public" + (f.getNestingKind() == NestingKind.MEMBER ? " (with every enclosing class)" : "")
          + "; make it public";
    } else if (publicNoArgConstructor(f).isEmpty()) {
      why = "has no public no-argument constructor; add one";
    }
    if (why != null) {
      reporter.error(DiagnosticCode.NOT_INSTANTIABLE, feature + " " + why + ": the generated "
          + f.getSimpleName() + "_FeatureDescriptor constructs it with new, without reflection.",
          f);
      return;
    }
    ExecutableElement ctor = publicNoArgConstructor(f).get();
    List<String> checked = ctor.getThrownTypes().stream()
        .filter(typeChecks::isChecked).map(Object::toString).toList();
    if (!checked.isEmpty()) {
      reporter.error(DiagnosticCode.NOT_INSTANTIABLE, feature + ": its no-argument constructor declares"
          + " throws " + String.join(", ", checked) + ", a checked exception, but the generated "
          + f.getSimpleName() + "_FeatureDescriptor constructs it with new in a factory that throws"
          + " none. Catch it in the constructor, or move that work into install(..), which may throw.",
          ctor);
    }
  }

  private void checkSupertype(FeatureModel model, Contribution c) {
    String what = c.kind().noun() + " \"" + c.name() + "\" (" + c.element().getQualifiedName() + ")"
        + " of feature " + model.slug();
    switch (c.kind()) {
      case TOOL -> requireSupertype(c, what, AuthorTypes.TOOL, "Tool<I>");
      case TASK -> requireSupertype(c, what, AuthorTypes.BACKGROUND_TASK, "BackgroundTask");
      case HOOK -> {
        if (!typeChecks.known(AuthorTypes.PRE_REQUEST_HOOK)) {
          return;
        }
        List<String> hooks = typeChecks.implemented(c.element(), AuthorTypes.HOOKS);
        if (hooks.size() != 1) {
          reporter.error(DiagnosticCode.WRONG_SUPERTYPE, what + " implements "
              + (hooks.isEmpty() ? "no hook interface" : hooks.size() + " hook interfaces ("
                  + String.join(", ", hooks.stream().sorted().toList()) + ")")
              + "; a hook implements exactly one of " + String.join(", ", AuthorTypes.HOOKS)
              + ", which decides where in the turn it runs. Split it into one class per point.",
              c.element());
        }
      }
      case SERVICE -> {
        Contribution.Service s = (Contribution.Service) c;
        if (s.type().getKind() != TypeKind.DECLARED) {
          reporter.error(DiagnosticCode.WRONG_SUPERTYPE, what + " names type = " + s.type()
              + ".class; a service type is an interface (or class) consumers look it up by.",
              c.element(), c.mirror(), AnnotationReader.explicit(c.mirror(), "type").orElse(null));
        } else if (!typeChecks.isA(c.element().asType(), s.type())) {
          reporter.error(DiagnosticCode.WRONG_SUPERTYPE, what + " does not implement its type "
              + ((TypeElement) ((DeclaredType) s.type()).asElement()).getQualifiedName()
              + "; implement it, or name the interface it does implement in type = ...",
              c.element(), c.mirror(), AnnotationReader.explicit(c.mirror(), "type").orElse(null));
        }
      }
    }
  }

  private void requireSupertype(Contribution c, String what, String type, String shown) {
    if (typeChecks.known(type) && !typeChecks.isA(c.element(), type)) {
      reporter.error(DiagnosticCode.WRONG_SUPERTYPE, what + " does not implement " + type
          + "; " + c.kind().annotationLabel() + " goes on a class that implements " + shown + ".",
          c.element());
    }
  }

  /**
   * The runtime matches a registered object's class against the declared class name, so an
   * abstract class or an interface can never be registered: that much is certain. Anything else
   * (private, inner, no public constructor) the feature's own install may still construct.
   */
  private void checkConstructible(FeatureModel model, Contribution c) {
    TypeElement e = c.element();
    boolean never = e.getKind().isInterface()
        || (e.getKind() == ElementKind.CLASS && e.getModifiers().contains(Modifier.ABSTRACT));
    if (never) {
      reporter.error(DiagnosticCode.NOT_INSTANTIABLE, c.kind().noun() + " \"" + c.name() + "\" ("
          + e.getQualifiedName() + ") of feature " + model.slug() + " is "
          + (e.getKind().isInterface() ? article(e.getKind()) : "abstract")
          + ", so no registered object can ever have exactly this class. Put "
          + c.kind().annotationLabel() + " on the concrete class that install registers.",
          e);
    }
  }

  private static boolean publicAllTheWay(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  private static Optional<ExecutableElement> publicNoArgConstructor(TypeElement type) {
    for (ExecutableElement ctor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (ctor.getParameters().isEmpty() && ctor.getModifiers().contains(Modifier.PUBLIC)) {
        return Optional.of(ctor);
      }
    }
    return Optional.empty();
  }

  private static String article(ElementKind kind) {
    return switch (kind) {
      case INTERFACE -> "an interface";
      case ANNOTATION_TYPE -> "an annotation type";
      case ENUM -> "an enum";
      case RECORD -> "a record";
      default -> "a " + kind.name().toLowerCase(Locale.ROOT);
    };
  }
}
