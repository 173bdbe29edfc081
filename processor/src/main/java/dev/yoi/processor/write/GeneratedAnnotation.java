package dev.yoi.processor.write;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeSpec;
import javax.lang.model.util.Elements;

/** Adds {@code @Generated} when the compilation has it (Java 9+); no date, so output is reproducible. */
final class GeneratedAnnotation {
  static final String PROCESSOR = "dev.yoi.processor.FeatureProcessor";

  private GeneratedAnnotation() {}

  static void addTo(TypeSpec.Builder type, Elements elements) {
    if (elements.getTypeElement("javax.annotation.processing.Generated") != null) {
      type.addAnnotation(AnnotationSpec.builder(
              ClassName.get("javax.annotation.processing", "Generated"))
          .addMember("value", "$S", PROCESSOR)
          .build());
    }
  }
}
