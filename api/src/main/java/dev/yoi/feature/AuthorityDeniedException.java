package dev.yoi.feature;

/** An authority-gated handle was asked for without the grant. */
public final class AuthorityDeniedException extends SecurityException {
  private static final long serialVersionUID = 1L;

  public AuthorityDeniedException(String message) {
    super(message);
  }

  /** Always {@code yoi/authority-denied}. */
  public String code() {
    return "yoi/authority-denied";
  }
}
