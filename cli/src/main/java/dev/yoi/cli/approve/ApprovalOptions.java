package dev.yoi.cli.approve;

import dev.yoi.cli.index.InputException;
import dev.yoi.feature.grant.ApprovalLock;
import dev.yoi.feature.grant.ApprovalSettings;
import dev.yoi.pod.Pod;
import dev.yoi.pod.PodManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the approvals are, as {@code report} and {@code mcp serve} take them: the person's own
 * lock, the project's lock and whether it is trusted, and the code pin. The same settings a host
 * gives {@link Pod.Builder}.
 */
public final class ApprovalOptions {
  @Option(names = "--lock", paramLabel = "FILE", description = "The project's approval lock. Default:"
      + " the manifest's \"approvals\", if it names one. It comes with the project, so it approves no"
      + " plugin unless --trust-project-lock.")
  private Path projectLock;

  @Option(names = "--user-lock", paramLabel = "FILE", description = "Your own approval lock, where yoi"
      + " approve writes. Default: ~/.yoi/approvals.json.")
  private Path userLock;

  @Option(names = "--project-dir", paramLabel = "DIR", description = "The project the plugins run for:"
      + " its path keys their approvals in your lock. Default: the manifest's directory, else the"
      + " current directory.")
  private Path projectDirectory;

  @Option(names = "--trust-project-lock", description = "Let the project's lock approve plugins (CI on"
      + " a reviewed commit). Without it, a lock a repository ships approves nothing.")
  private boolean trustProjectLock;

  @Option(names = "--pin-code", description = "Hold every plugin to the code its approval recorded"
      + " (the SHA-256 of its jar): a plugin rebuilt with the same declarations but new code is"
      + " refused (yoi/code-changed) until approved again.")
  private boolean pinCode;

  /**
   * The settings for a Pod with {@code manifest} (read from {@code manifestFile}, if any), after
   * checking that every lock they name can be read.
   *
   * @throws InputException if {@code --lock} names a file that does not exist, or a lock is not a
   *     lock (not JSON, empty, another format): a usage error, as for a bad manifest
   */
  public ApprovalSettings settings(Path manifestFile, PodManifest manifest) throws InputException {
    if (projectLock != null && !Files.isRegularFile(projectLock)) {
      throw new InputException("--lock " + projectLock + (Files.isDirectory(projectLock)
          ? ": is a directory; name the lock file in it (e.g. " + ApprovalLock.FILE_NAME + ")" : ": no such file"));
    }
    Optional<Path> project = projectLock != null ? Optional.of(projectLock) : manifest.approvals();
    Path user = userLock != null ? userLock : ApprovalSettings.defaultUserLock();
    check(project.orElse(null), projectLock != null ? "--lock " : "the manifest's \"approvals\": ");
    check(user, userLock != null ? "--user-lock " : "");
    Path dir = projectDirectory != null ? projectDirectory
        : manifestFile != null ? manifestFile.toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
    return new ApprovalSettings(Optional.of(user), dir, project, trustProjectLock, pinCode);
  }

  /** These settings on a Pod builder. */
  public Pod.Builder apply(ApprovalSettings settings, Pod.Builder builder) {
    settings.projectLock().ifPresent(builder::approvals);
    settings.userLock().ifPresent(builder::userApprovals);
    return builder.projectDirectory(settings.projectDirectory())
        .trustProjectLock(settings.trustProjectLock())
        .pinCode(settings.pinCode());
  }

  private static void check(Path lock, String option) throws InputException {
    if (lock == null) {
      return;
    }
    try {
      ApprovalLock.read(lock); // a missing file is an empty lock
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      throw new InputException(message.contains(lock.toString()) ? message : option + lock + ": " + message);
    }
  }
}
