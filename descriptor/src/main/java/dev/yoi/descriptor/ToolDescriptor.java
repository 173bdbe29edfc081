package dev.yoi.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.feature.annotation.AuthorityKind;
import java.util.List;
import java.util.Objects;

/**
 * A declared tool.
 *
 * @param name model-visible name
 * @param description what the model reads
 * @param className binary name of the implementing class (what the runtime matches registrations by)
 * @param inputType binary name of the input record, or {@code com.fasterxml.jackson.databind.JsonNode}
 * @param inputSchema JSON Schema (draft 2020-12) of the input, derived at build time
 * @param requires authority kinds the tool needs, in declaration order
 */
public record ToolDescriptor(
    String name,
    String description,
    String className,
    String inputType,
    JsonNode inputSchema,
    List<AuthorityKind> requires) {

  public ToolDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(inputType, "inputType");
    inputSchema = Objects.requireNonNull(inputSchema, "inputSchema").deepCopy();
    requires = List.copyOf(requires);
  }

  /** The schema itself, for the canonical writer and checks of this package: never mutated. */
  JsonNode schemaTree() {
    return inputSchema;
  }

  /** A defensive copy: {@link JsonNode} trees are mutable. */
  @Override
  public JsonNode inputSchema() {
    return inputSchema.deepCopy();
  }
}
