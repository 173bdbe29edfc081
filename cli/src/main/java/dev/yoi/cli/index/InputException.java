package dev.yoi.cli.index;

/** A command-line input that cannot be used at all (missing, unreadable): a usage error. */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }
}
