package dev.yoi.cli;

import dev.yoi.cli.approve.ApproveCommand;
import dev.yoi.cli.demo.DemoCommand;
import dev.yoi.cli.inspect.InspectCommand;
import dev.yoi.cli.mcp.McpCommand;
import dev.yoi.cli.report.ReportCommand;
import dev.yoi.cli.verify.VerifyCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code yoi}: inspect, verify, approve and run Yoi features. */
@Command(
    name = "yoi",
    mixinStandardHelpOptions = true,
    versionProvider = YoiCommand.Version.class,
    description = "Inspect, verify, approve and run Yoi features.",
    subcommands = {
      InspectCommand.class,
      VerifyCommand.class,
      ApproveCommand.class,
      ReportCommand.class,
      DemoCommand.class,
      McpCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Success.",
      "1:Problems found: index or duplicate errors (inspect, verify), an unknown feature id or a"
          + " refused approval (approve), features that would not install (report, demo).",
      "2:Usage error: no command or a bad option, or a file that is missing, unreadable or invalid"
          + " (a manifest, a lock).",
      "3:Internal error in yoi itself (reported without a stack trace; please file it)."
    })
public final class YoiCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests call {@code execute} on it with captured output. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new YoiCommand());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(YoiCommand::internalError);
    cli.setParameterExceptionHandler(YoiCommand::usageError);
    // Every subcommand lists the same exit codes.
    for (CommandLine sub : cli.getSubcommands().values()) {
      sub.getCommandSpec().usageMessage()
          .exitCodeListHeading("%nExit codes:%n")
          .exitCodeList(cli.getCommandSpec().usageMessage().exitCodeList());
    }
    return cli;
  }

  /** {@code yoi} alone: which commands there are, on stderr, as a usage error (scripts notice). */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("yoi: name a command, e.g. yoi demo");
    spec.commandLine().usage(err);
    return ExitCodes.USAGE;
  }

  /** The mistake and where to read more, not the whole help page (which hid the mistake). */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for its options and examples.");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static int internalError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    err.println("yoi " + cli.getCommandName() + ": internal error: " + e
        + (e.getStackTrace().length > 0 ? " at " + e.getStackTrace()[0] : ""));
    err.println("This is a bug in yoi; please report it with the command you ran.");
    err.flush();
    return ExitCodes.INTERNAL;
  }

  /** The version from the jar's manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = YoiCommand.class.getPackage().getImplementationVersion();
      return new String[] {"yoi " + (version == null ? "(development build)" : version)};
    }
  }
}
