package dev.yoi.processor.write;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeSpec;
import javax.lang.model.util.Elements;

/**
 * Adds {@code @Generated} when the compilation has it (Java 9+); no date, so output is reproducible.
 * Looked up once per processor, not once per generated file.
 */
public final class GeneratedAnnotation {
  static final String PROCESSOR = "dev.yoi.processor.FeatureProcessor";

  /** Null when the compilation has no {@code javax.annotation.processing.Generated}. */
  private final AnnotationSpec annotation;

  private GeneratedAnnotation(AnnotationSpec annotation) {
    this.annotation = annotation;
  }

  public static GeneratedAnnotation of(Elements elements) {
    return new GeneratedAnnotation(elements.getTypeElement("javax.annotation.processing.Generated") == null
        ? null
        : AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
            .addMember("value", "$S", PROCESSOR)
            .build());
  }

  public void addTo(TypeSpec.Builder type) {
    if (annotation != null) {
      type.addAnnotation(annotation);
    }
  }
}
