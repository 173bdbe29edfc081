package dev.yoi.processor.check;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.processor.Reporter;
import dev.yoi.processor.model.AuthorTypes;
import dev.yoi.processor.model.Contribution;
import dev.yoi.processor.model.FeatureModel;
import dev.yoi.processor.schema.SchemaDeriver;

/**
 * {@code unsupported-input-type}: what the schema deriver could not describe, reported on the tool,
 * every problem (component path and type) in one message.
 */
public final class InputValidator implements FeatureValidator {
  private final Reporter reporter;
  private final TypeChecks typeChecks;

  public InputValidator(Reporter reporter, TypeChecks typeChecks) {
    this.reporter = reporter;
    this.typeChecks = typeChecks;
  }

  @Override
  public void validate(FeatureModel model) {
    for (Contribution.Tool tool : model.tools()) {
      SchemaDeriver.Derived input = model.input(tool);
      // A class that is no Tool at all has its wrong-supertype error; no schema complaint on top.
      if (input.problems().isEmpty()
          || (typeChecks.known(AuthorTypes.TOOL) && !typeChecks.isA(tool.element(), AuthorTypes.TOOL))) {
        continue;
      }
      reporter.error(DiagnosticCode.UNSUPPORTED_INPUT_TYPE, "tool \"" + tool.name() + "\" ("
          + tool.element().getQualifiedName() + ") of feature " + model.slug() + ": "
          + String.join("; ", input.problems()) + ". Supported: records of strings, booleans,"
          + " integers, decimals, enums, java.time dates, times and durations, UUID, URI, nested"
          + " records, List, Set, arrays, Map<String, V> and Optional components; or JsonNode for"
          + " free-form input.", tool.element());
    }
  }
}
