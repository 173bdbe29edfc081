package dev.yoi.feature.grant;

import java.nio.file.Path;
import java.util.Optional;

/** Decides which requested authorities a feature gets. (Built by the registry issue.) */
public interface AuthorityPolicy {
  /** The default: builtins get what they request; plugins what the lock records for id and digest. */
  static AuthorityPolicy standard(Optional<Path> approvalLock) {
    throw new UnsupportedOperationException("AuthorityPolicy.standard: not built yet (issue 3)");
  }
}
