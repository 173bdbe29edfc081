package dev.yoi.feature.grant;

import java.io.IOException;

/** The approval lock file exists but is not a lock this version can read. */
public final class LockFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public LockFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
