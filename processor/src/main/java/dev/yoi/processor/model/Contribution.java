package dev.yoi.processor.model;

import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.RestartPolicy;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/** A contribution class as written: one of the four annotations on a class. */
public sealed interface Contribution {
  TypeElement element();

  AnnotationMirror mirror();

  /** The tool, hook or task name, or the service id. */
  String name();

  ContributionKind kind();

  /** The {@code feature = X.class} value, when not {@code void.class}. */
  Optional<TypeMirror> declaredOwner();

  /** Name of the annotation attribute that holds {@link #name()}. */
  default String nameAttribute() {
    return "name";
  }

  record Tool(
      TypeElement element,
      AnnotationMirror mirror,
      String name,
      String description,
      List<AuthorityKind> requires,
      Optional<TypeMirror> declaredOwner)
      implements Contribution {
    public Tool {
      requires = List.copyOf(requires);
    }

    @Override
    public ContributionKind kind() {
      return ContributionKind.TOOL;
    }
  }

  record Hook(
      TypeElement element,
      AnnotationMirror mirror,
      String name,
      int order,
      Optional<TypeMirror> declaredOwner)
      implements Contribution {
    @Override
    public ContributionKind kind() {
      return ContributionKind.HOOK;
    }
  }

  record Task(
      TypeElement element,
      AnnotationMirror mirror,
      String name,
      String description,
      String every,
      RestartPolicy restart,
      Optional<TypeMirror> declaredOwner)
      implements Contribution {
    @Override
    public ContributionKind kind() {
      return ContributionKind.TASK;
    }
  }

  record Service(
      TypeElement element,
      AnnotationMirror mirror,
      String name,
      String version,
      TypeMirror type,
      boolean privileged,
      Optional<TypeMirror> declaredOwner)
      implements Contribution {
    @Override
    public ContributionKind kind() {
      return ContributionKind.SERVICE;
    }

    @Override
    public String nameAttribute() {
      return "id";
    }
  }
}
