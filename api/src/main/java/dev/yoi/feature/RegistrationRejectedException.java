package dev.yoi.feature;

/**
 * A registration the host refused (undeclared, duplicate, or missing an authority). The feature
 * fails to install even if {@code install} catches this.
 */
public final class RegistrationRejectedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public RegistrationRejectedException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** The diagnostic code, e.g. {@code yoi/undeclared-contribution}. */
  public String code() {
    return code;
  }
}
