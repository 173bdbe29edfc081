package dev.yoi.feature.install;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.feature.Grants;
import dev.yoi.feature.annotation.AuthorityKind;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** One feature's grants: the requested labels the policy granted, and the rest (denied). */
final class GrantSet implements Grants {
  private final SortedSet<AuthorityLabel> granted;
  private final SortedSet<AuthorityLabel> denied;

  private GrantSet(SortedSet<AuthorityLabel> granted, SortedSet<AuthorityLabel> denied) {
    this.granted = Collections.unmodifiableSortedSet(granted);
    this.denied = Collections.unmodifiableSortedSet(denied);
  }

  /**
   * Splits {@code requested} into granted and denied by {@code grantedLabels}, labels in their
   * string form as a policy answers ({@code GrantDecision}); a label granted but never requested
   * grants nothing.
   */
  static GrantSet of(Collection<AuthorityRequest> requested, Collection<String> grantedLabels) {
    SortedSet<AuthorityLabel> granted = new TreeSet<>();
    SortedSet<AuthorityLabel> denied = new TreeSet<>();
    for (AuthorityRequest request : requested) {
      AuthorityLabel label = request.label();
      (grantedLabels.contains(label.toString()) ? granted : denied).add(label);
    }
    denied.removeAll(granted);
    return new GrantSet(granted, denied);
  }

  /** Nothing granted, everything requested denied. */
  static GrantSet none(Collection<AuthorityRequest> requested) {
    return of(requested, Set.of());
  }

  @Override
  public boolean has(AuthorityKind kind, String scope) {
    return granted.contains(new AuthorityLabel(kind, scope));
  }

  @Override
  public boolean hasAny(AuthorityKind kind) {
    return granted.stream().anyMatch(label -> label.kind() == kind);
  }

  /** The labels granted, sorted. */
  SortedSet<AuthorityLabel> grantedLabels() {
    return granted;
  }

  /** The labels requested and not granted, sorted. */
  SortedSet<AuthorityLabel> deniedLabels() {
    return denied;
  }

  @Override
  public Set<String> granted() {
    return strings(granted);
  }

  @Override
  public Set<String> denied() {
    return strings(denied);
  }

  private static Set<String> strings(SortedSet<AuthorityLabel> labels) {
    return Collections.unmodifiableSortedSet(
        labels.stream().map(AuthorityLabel::toString).collect(Collectors.toCollection(TreeSet::new)));
  }

  @Override
  public String toString() {
    return "granted " + granted + ", denied " + denied;
  }
}
