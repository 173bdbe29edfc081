package dev.yoi.feature.grant;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides which requested authorities a feature gets, and whether an unapproved plugin may install
 * at all. Called once per enabled feature per install, before any of its classes is loaded, on the
 * policy {@link #forInstall()} returned at the start of that install.
 */
@FunctionalInterface
public interface AuthorityPolicy {
  GrantDecision decide(GrantRequest request);

  /**
   * This policy for one install run (one {@code Pod.start()}, one dry run). A policy that reads
   * state reads it once here, so every feature of the run is decided against the same state and
   * nothing is re-read per feature. Default: this policy itself.
   */
  default AuthorityPolicy forInstall() {
    return this;
  }

  /**
   * The default of docs/design.md ("Run time: the registry", step 3): builtin features get what
   * they request; user and project features get exactly what the approval lock
   * ({@code features.lock.json}, see {@link ApprovalLock}) records for the same id <em>and</em>
   * digest, and are not installed without such an entry
   * ({@code yoi/approval-required}) or when their digest changed since approval
   * ({@code yoi/descriptor-changed}, with the difference). The lock is read (and each entry's
   * digest verified) once per install run, through {@link #forInstall()}, so an approval takes
   * effect at the next start; a policy used without {@code forInstall()} reads it per decision.
   *
   * @param approvalLock the lock file; empty means no plugin is approved
   */
  static AuthorityPolicy standard(Optional<Path> approvalLock) {
    return new StandardPolicy(approvalLock);
  }

  /** {@link #standard(Optional)} with a lock file. */
  static AuthorityPolicy standard(Path approvalLock) {
    return new StandardPolicy(Optional.of(approvalLock));
  }

  /**
   * Grants every feature everything it requests, with no lock. For tests and for hosts that vet
   * their plugins some other way; never the default.
   */
  static AuthorityPolicy grantRequested() {
    return request -> GrantDecision.grant(
        request.descriptor().authorities().stream().map(r -> r.label().toString()).toList());
  }
}
