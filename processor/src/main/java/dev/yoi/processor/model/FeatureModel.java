package dev.yoi.processor.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A feature with every contribution it owns, contributions sorted by class name so that everything
 * derived from the model is deterministic.
 */
public record FeatureModel(FeatureDecl feature, List<Contribution> contributions) {
  public FeatureModel {
    contributions = List.copyOf(contributions);
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

  /** The feature's slug, as messages name it. */
  public String slug() {
    return feature.slug();
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
