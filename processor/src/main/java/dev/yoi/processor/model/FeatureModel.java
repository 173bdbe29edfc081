package dev.yoi.processor.model;

import dev.yoi.descriptor.ControlCharacters;
import dev.yoi.processor.schema.SchemaDeriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A feature with every contribution it owns, contributions sorted by class name so that everything
 * derived from the model is deterministic, and each tool's input as derived at build time.
 *
 * @param inputs each tool's derived input, by the tool class's qualified name
 */
public record FeatureModel(
    FeatureDecl feature, List<Contribution> contributions, Map<String, SchemaDeriver.Derived> inputs) {
  public FeatureModel {
    contributions = List.copyOf(contributions);
    inputs = Map.copyOf(inputs);
  }

  /** The derived input of one of this feature's tools. */
  public SchemaDeriver.Derived input(Contribution.Tool tool) {
    return inputs.get(tool.element().getQualifiedName().toString());
  }

  public List<Contribution.Tool> tools() {
    return of(Contribution.Tool.class);
  }

  public List<Contribution.Hook> hooks() {
    return of(Contribution.Hook.class);
  }

  public List<Contribution.Task> tasks() {
    return of(Contribution.Task.class);
  }

  public List<Contribution.Service> services() {
    return of(Contribution.Service.class);
  }

  /**
   * The feature's slug, as messages name it: escaped and quoted if it holds a control character
   * (that slug is itself reported as {@code yoi/control-character}), so no message of another
   * check carries it raw.
   */
  public String slug() {
    return ControlCharacters.shown(feature.slug());
  }

  private <T extends Contribution> List<T> of(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Contribution c : contributions) {
      if (type.isInstance(c)) {
        out.add(type.cast(c));
      }
    }
    return out;
  }
}
