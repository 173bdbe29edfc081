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

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = YoiCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
