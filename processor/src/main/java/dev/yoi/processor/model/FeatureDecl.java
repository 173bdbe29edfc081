package dev.yoi.processor.model;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Feature} class as written, with its service and authority requests.
 *
 * @param version as written; empty means the {@code yoi.version} option
 */
public record FeatureDecl(
    TypeElement element,
    AnnotationMirror mirror,
    String slug,
    String name,
    String version,
    String description,
    List<ServiceRequestDecl> requiredServices,
    List<AuthorityDecl> authorities) {

  public FeatureDecl {
    requiredServices = List.copyOf(requiredServices);
    authorities = List.copyOf(authorities);
  }
}
