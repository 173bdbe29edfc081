package dev.yoi.processor.model;

import dev.yoi.feature.annotation.AuthorityKind;
import javax.lang.model.element.AnnotationMirror;

/** One {@code @RequiresAuthority} as written. */
public record AuthorityDecl(
    AnnotationMirror mirror, AuthorityKind kind, String scope, boolean optional, String reason) {}
