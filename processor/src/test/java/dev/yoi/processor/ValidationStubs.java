package dev.yoi.processor;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * Jakarta Validation's numeric constraints (and one of their older {@code javax} names), declared
 * as the API declares them (runtime retention, the same targets, {@code long value()}), for
 * feature sources to use: the processor reads them by name and depends on no Validation API.
 */
final class ValidationStubs {
  private ValidationStubs() {}

  /** {@code sources} followed by every stub. */
  static JavaFileObject[] with(JavaFileObject... sources) {
    List<JavaFileObject> out = new ArrayList<>(List.of(sources));
    out.add(constraint("jakarta.validation.constraints", "Min", "long value();"));
    out.add(constraint("jakarta.validation.constraints", "Max", "long value();"));
    for (String name : List.of("Positive", "PositiveOrZero", "Negative", "NegativeOrZero")) {
      out.add(constraint("jakarta.validation.constraints", name, ""));
    }
    out.add(constraint("javax.validation.constraints", "Max", "long value();"));
    return out.toArray(new JavaFileObject[0]);
  }

  private static JavaFileObject constraint(String pkg, String name, String members) {
    return JavaFileObjects.forSourceString(pkg + "." + name, "package " + pkg + ";\n"
        + "import static java.lang.annotation.ElementType.*;\n"
        + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)\n"
        + "@java.lang.annotation.Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})\n"
        + "public @interface " + name + " {\n"
        + "  String message() default \"\";\n"
        + "  " + members + "\n"
        + "}\n");
  }
}
