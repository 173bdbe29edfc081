package dev.yoi.feature.grant;

import dev.yoi.feature.Diagnostic;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A policy's answer for one feature.
 *
 * @param approved false when the feature may not install at all (no approval, changed
 *     descriptor); {@code diagnostics} then says why and how to fix it
 * @param granted the authority labels granted (only labels the feature requested count)
 * @param diagnostics the policy's notes, errors when not approved
 */
public record GrantDecision(boolean approved, Set<String> granted, List<Diagnostic> diagnostics) {
  public GrantDecision {
    granted = Collections.unmodifiableSortedSet(new TreeSet<>(granted));
    diagnostics = List.copyOf(diagnostics);
  }

  /** Approved, with {@code labels} granted. */
  public static GrantDecision grant(Collection<String> labels) {
    return new GrantDecision(true, Set.copyOf(labels), List.of());
  }

  /** Not approved: the feature is not installed, for the reason {@code why} gives. */
  public static GrantDecision refuse(Diagnostic why) {
    return new GrantDecision(false, Set.of(), List.of(why));
  }
}
