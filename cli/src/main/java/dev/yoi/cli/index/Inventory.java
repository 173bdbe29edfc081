package dev.yoi.cli.index;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a set of inputs holds: the features whose index lines are sound, sorted by id, and one
 * diagnostic per problem found on the way.
 */
public record Inventory(List<FoundFeature> features, List<Diagnostic> problems) {
  public Inventory {
    features = features.stream().sorted(Comparator.comparing(FoundFeature::id)
        .thenComparing(FoundFeature::location)).toList();
    problems = List.copyOf(problems);
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }

  /** This inventory followed by {@code other}'s features and problems. */
  public Inventory plus(Inventory other) {
    List<FoundFeature> allFeatures = new ArrayList<>(features);
    allFeatures.addAll(other.features);
    List<Diagnostic> allProblems = new ArrayList<>(problems);
    allProblems.addAll(other.problems);
    return new Inventory(allFeatures, allProblems);
  }
}
