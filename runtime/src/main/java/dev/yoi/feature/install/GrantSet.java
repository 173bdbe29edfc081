package dev.yoi.feature.install;

import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.feature.Grants;
import dev.yoi.feature.annotation.AuthorityKind;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** One feature's grants: the requested labels the policy granted, and the rest (denied). */
final class GrantSet implements Grants {
  private final SortedSet<String> granted;
  private final SortedSet<String> denied;

  private GrantSet(SortedSet<String> granted, SortedSet<String> denied) {
    this.granted = Collections.unmodifiableSortedSet(granted);
    this.denied = Collections.unmodifiableSortedSet(denied);
  }

  /**
   * Splits {@code requested} into granted and denied by {@code grantedLabels}; a label granted but
   * never requested grants nothing.
   */
  static GrantSet of(Collection<AuthorityRequest> requested, Collection<String> grantedLabels) {
    SortedSet<String> granted = new TreeSet<>();
    SortedSet<String> denied = new TreeSet<>();
    for (AuthorityRequest request : requested) {
      (grantedLabels.contains(request.label()) ? granted : denied).add(request.label());
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
    return granted.contains(label(kind, scope));
  }

  @Override
  public boolean hasAny(AuthorityKind kind) {
    for (String label : granted) {
      if (label.equals(kind.name()) || label.startsWith(kind.name() + ":")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Set<String> granted() {
    return granted;
  }

  @Override
  public Set<String> denied() {
    return denied;
  }

  /** {@code KIND} or {@code KIND:scope}, the form locks and reports use. */
  static String label(AuthorityKind kind, String scope) {
    return scope == null || scope.isEmpty() ? kind.name() : kind.name() + ":" + scope;
  }

  @Override
  public String toString() {
    return "granted " + granted + ", denied " + denied;
  }
}
