package dev.yoi.cli;

/** What {@code yoi} exits with; listed in every command's help. */
public final class ExitCodes {
  /** Everything checked out. */
  public static final int OK = 0;
  /** Problems were found in the input (or a feature would not install, or approval was refused). */
  public static final int PROBLEMS = 1;
  /** The command line was wrong, or a file it names is missing or unreadable. */
  public static final int USAGE = 2;
  /** yoi itself failed: a bug, reported without a stack trace. */
  public static final int INTERNAL = 3;

  private ExitCodes() {}
}
