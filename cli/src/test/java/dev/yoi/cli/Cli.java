package dev.yoi.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code yoi} in-process with captured output. */
final class Cli {
  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private Cli() {}

  /** Runs {@code args} as {@code main} does: only the command they name is registered. */
  static Result run(String... args) {
    return run(YoiCommand.commandLine(args), args);
  }

  /** Runs {@code args} on the command line with every command registered. */
  static Result runWithEveryCommand(String... args) {
    return run(YoiCommand.commandLine(), args);
  }

  private static Result run(picocli.CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
