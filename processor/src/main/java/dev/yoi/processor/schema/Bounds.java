package dev.yoi.processor.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The numeric bounds an author asked for, read at build time from Jakarta Validation's
 * constraints (or their older {@code javax.validation} names) by name: {@code @Min},
 * {@code @Max}, {@code @Positive}, {@code @PositiveOrZero}, {@code @Negative},
 * {@code @NegativeOrZero}. Neither the processor nor the runtime depends on the Validation API;
 * a number nobody bounded gets no {@code minimum} or {@code maximum}, since a model takes any
 * bound it sees as the range to use.
 */
final class Bounds {
  private static final List<String> PACKAGES =
      List.of("jakarta.validation.constraints.", "javax.validation.constraints.");

  private Bounds() {}

  /**
   * Adds the bounds of {@code annotations} to {@code schema} when it is an integer or a number;
   * returns it.
   */
  static ObjectNode apply(ObjectNode schema, List<? extends AnnotationMirror> annotations) {
    String type = schema.path("type").asText();
    boolean integer = type.equals("integer");
    if (!integer && !type.equals("number")) {
      return schema;
    }
    Long min = schema.has("minimum") ? schema.get("minimum").asLong() : null;
    Long max = schema.has("maximum") ? schema.get("maximum").asLong() : null;
    boolean aboveZero = false;
    boolean belowZero = false;
    for (AnnotationMirror mirror : annotations) {
      String name = constraint(mirror);
      if (name == null) {
        continue;
      }
      switch (name) {
        case "Min" -> min = higher(min, value(mirror));
        case "Max" -> max = lower(max, value(mirror));
        case "PositiveOrZero" -> min = higher(min, 0L);
        case "NegativeOrZero" -> max = lower(max, 0L);
        // For an integer "above zero" is "at least one"; a number needs the exclusive keyword.
        case "Positive" -> {
          if (integer) {
            min = higher(min, 1L);
          } else {
            aboveZero = true;
          }
        }
        case "Negative" -> {
          if (integer) {
            max = lower(max, -1L);
          } else {
            belowZero = true;
          }
        }
        default -> { }
      }
    }
    if (min != null) {
      schema.put("minimum", min);
    }
    if (max != null) {
      schema.put("maximum", max);
    }
    if (aboveZero && (min == null || min <= 0)) {
      schema.put("exclusiveMinimum", 0);
    }
    if (belowZero && (max == null || max >= 0)) {
      schema.put("exclusiveMaximum", 0);
    }
    return schema;
  }

  /** The constraint's simple name, or null when the annotation is no Validation constraint. */
  private static String constraint(AnnotationMirror mirror) {
    String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
    for (String pkg : PACKAGES) {
      if (name.startsWith(pkg) && name.indexOf('.', pkg.length()) < 0) {
        return name.substring(pkg.length());
      }
    }
    return null;
  }

  /** {@code @Min}'s and {@code @Max}'s {@code long value}, which has no default. */
  private static Long value(AnnotationMirror mirror) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals("value")
          && e.getValue().getValue() instanceof Number n) {
        return n.longValue();
      }
    }
    return null;
  }

  private static Long higher(Long current, Long bound) {
    return bound == null ? current : current == null ? bound : Math.max(current, bound);
  }

  private static Long lower(Long current, Long bound) {
    return bound == null ? current : current == null ? bound : Math.min(current, bound);
  }
}
