package dev.yoi.cli;

import dev.yoi.cli.approve.ApproveCommand;
import dev.yoi.cli.demo.DemoCommand;
import dev.yoi.cli.inspect.InspectCommand;
import dev.yoi.cli.mcp.McpCommand;
import dev.yoi.cli.report.ReportCommand;
import dev.yoi.cli.text.TerminalText;
import dev.yoi.cli.verify.VerifyCommand;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
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
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Success.",
      "1:Problems found: index or duplicate errors (inspect, verify), an unknown feature id or a"
          + " refused approval (approve), features that would not install (report, demo, mcp serve).",
      "2:Usage error: no command or a bad option, or a file that is missing, unreadable or invalid"
          + " (a manifest, a lock).",
      "3:Internal error in yoi itself (reported without a stack trace; please file it)."
    })
public final class YoiCommand implements Callable<Integer> {
  /**
   * The commands, in the order {@code yoi --help} lists them. Registered in code rather than in
   * {@code @Command(subcommands = ..)}: picocli builds a command's model by reflection when it is
   * registered, and a run of one command needs only that one (see {@link #commandLine(String...)}).
   */
  static final List<String> COMMANDS = List.of("inspect", "verify", "approve", "report", "demo", "mcp", "help");

  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    CommandLine cli = commandLine(args);
    int exit = cli.execute(args);
    // Commands print with print() as well as println(): flush before System.exit, which would
    // drop whatever is still buffered (approve's last line was lost this way).
    flush(cli);
    System.exit(exit);
  }

  /** Each command line has its own writers (created when first asked for): flush every one. */
  private static void flush(CommandLine cli) {
    cli.getOut().flush();
    cli.getErr().flush();
    cli.getSubcommands().values().forEach(YoiCommand::flush);
  }

  /** The configured command line with every command; tests call {@code execute} on it with captured output. */
  public static CommandLine commandLine() {
    return configured(COMMANDS);
  }

  /**
   * The command line that runs {@code args}: when they start with a command's name, only that
   * command is registered, the same as in the full command line (options, help, exit codes);
   * anything else (no command, an option, {@code help}, a misspelt command) gets every command,
   * so that help, the command list and suggestions are the full ones. picocli's model of all
   * seven commands, built by reflection, was a third of a short command's start.
   */
  public static CommandLine commandLine(String... args) {
    boolean one = args.length > 0 && !args[0].equals("help") && COMMANDS.contains(args[0]);
    return configured(one ? List.of(args[0]) : COMMANDS);
  }

  private static CommandLine configured(List<String> commands) {
    CommandLine cli = new CommandLine(new YoiCommand());
    for (String name : commands) {
      cli.addSubcommand(command(name)); // under its @Command name, which a test holds equal to name
    }
    // After the commands are added: picocli applies a setting to the subcommands there are.
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(YoiCommand::internalError);
    cli.setParameterExceptionHandler(YoiCommand::usageError);
    // Every subcommand lists the same exit codes.
    listExitCodes(cli, cli.getCommandSpec().usageMessage().exitCodeList());
    return cli;
  }

  /** A new instance of the command {@code name} (one of {@link #COMMANDS}); only its class is loaded. */
  private static Object command(String name) {
    return switch (name) {
      case "inspect" -> new InspectCommand();
      case "verify" -> new VerifyCommand();
      case "approve" -> new ApproveCommand();
      case "report" -> new ReportCommand();
      case "demo" -> new DemoCommand();
      case "mcp" -> new McpCommand();
      case "help" -> new CommandLine.HelpCommand();
      default -> throw new IllegalArgumentException("no command " + name);
    };
  }

  private static void listExitCodes(CommandLine parent, Map<String, String> codes) {
    for (CommandLine sub : parent.getSubcommands().values()) {
      sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
      listExitCodes(sub, codes);
    }
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
    err.print(TerminalText.message(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage()));
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for its options and examples.");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static int internalError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    // The exception may quote a plugin's text: shown as data.
    err.print(TerminalText.message("yoi " + cli.getCommandName() + ": internal error: " + e
        + (e.getStackTrace().length > 0 ? " at " + e.getStackTrace()[0] : "")));
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
