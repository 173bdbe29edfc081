package dev.yoi.processor.model;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.type.TypeMirror;

/** One {@code @RequiresService} as written. */
public record ServiceRequestDecl(
    AnnotationMirror mirror, String id, String version, TypeMirror type, boolean optional, String reason) {}
