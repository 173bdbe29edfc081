package dev.yoi.feature.grant;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the standard policy finds a person's approvals, and what it holds plugins to.
 *
 * <p>A project (a repository someone clones) can ship its manifest, its plugins and a lock that
 * approves them. Whoever can write the project can write that lock, so it cannot stand for the
 * consent of the person who runs it: the workspace-trust problem (CVE-2025-54136). Approvals
 * therefore live in the person's own lock, outside every project, and a project feature's
 * approval there is kept under the project's canonical path, so approving a plugin in one checkout
 * approves nothing in another. The project's lock is read (a report can say what it would approve)
 * but approves nothing unless the host trusts it explicitly: CI, or a host that wrote it itself.
 *
 * @param userLock the person's own lock (default {@link #defaultUserLock()}); empty: none
 * @param projectDirectory the project the Pod runs for; its canonical path keys its approvals in
 *     the user lock
 * @param projectLock the project's lock (the manifest's {@code approvals},
 *     {@code Pod.builder().approvals(..)}); empty: none
 * @param trustProjectLock whether the project's lock approves plugins (user and project); false
 *     by default
 * @param pinCode whether an approval also pins the plugin's code (the SHA-256 of its jar or class
 *     directory, recorded by {@code yoi approve}): a plugin whose code changed while its
 *     declarations did not is then {@code yoi/code-changed} and not installed
 */
public record ApprovalSettings(
    Optional<Path> userLock, Path projectDirectory, Optional<Path> projectLock, boolean trustProjectLock,
    boolean pinCode) {
  /** The user lock's file name under {@code ~/.yoi}. */
  public static final String USER_LOCK_FILE = "approvals.json";

  public ApprovalSettings {
    Objects.requireNonNull(userLock, "userLock");
    Objects.requireNonNull(projectDirectory, "projectDirectory");
    Objects.requireNonNull(projectLock, "projectLock");
  }

  /** {@code ~/.yoi/approvals.json}, where {@code yoi approve} writes by default. */
  public static Path defaultUserLock() {
    return Path.of(System.getProperty("user.home"), ".yoi", USER_LOCK_FILE);
  }

  /**
   * One lock the host keeps and trusts for every plugin, and no user lock: what
   * {@link AuthorityPolicy#standard(Optional)} means.
   */
  public static ApprovalSettings hostLock(Optional<Path> lock) {
    return new ApprovalSettings(Optional.empty(), Path.of("").toAbsolutePath(), lock, true, false);
  }

  /** Whether there is a project lock and it is trusted to approve. */
  boolean projectLockApproves() {
    return trustProjectLock && projectLock.isPresent();
  }
}
