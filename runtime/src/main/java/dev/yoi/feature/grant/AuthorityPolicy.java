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
   * The default of docs/design.md ("Run time: the registry", step 3): builtin features (built as
   * builtins, runtime {@code builtin}, and loaded by the host) get what they request; user and
   * project features get exactly what a lock the settings trust records for the same id
   * <em>and</em> digest (see {@link ApprovalSettings}: the person's own lock, where a project
   * feature's approval is kept under the project's path, and the project's lock only when the
   * host trusts it), and are not installed without such an entry ({@code yoi/approval-required}),
   * when their digest changed since approval ({@code yoi/descriptor-changed}, with the difference)
   * or, with a code pin, when their code changed ({@code yoi/code-changed}). Each lock is read
   * (and each entry's digest and seal verified) once per install run, through
   * {@link #forInstall()}, so an approval takes effect at the next start; a policy used without
   * {@code forInstall()} reads them per decision.
   */
  static AuthorityPolicy standard(ApprovalSettings settings) {
    return new StandardPolicy(settings);
  }

  /**
   * The standard policy over one lock the host keeps and trusts for every plugin, and no user
   * lock ({@link ApprovalSettings#hostLock}): for a host that manages approvals itself.
   *
   * @param approvalLock the lock file; empty means no plugin is approved
   */
  static AuthorityPolicy standard(Optional<Path> approvalLock) {
    return new StandardPolicy(ApprovalSettings.hostLock(approvalLock));
  }

  /** {@link #standard(Optional)} with a lock file. */
  static AuthorityPolicy standard(Path approvalLock) {
    return standard(Optional.of(approvalLock));
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
