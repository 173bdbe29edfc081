package dev.yoi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class YoiCommandTest {
  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    Cli.Result result = Cli.run("--help");

    assertEquals(ExitCodes.OK, result.exitCode());
    for (String command : new String[] {"inspect", "verify", "approve", "report", "demo"}) {
      assertTrue(result.out().contains("\n  " + command + " "), command + " in:\n" + result.out());
    }
    assertTrue(result.out().contains("Exit codes:\n  0   Success."), result.out());
  }

  @Test
  void helpListsEveryCommandInOrderUnderTheNameItIsRunBy() {
    assertEquals(YoiCommand.COMMANDS, new ArrayList<>(YoiCommand.commandLine().getSubcommands().keySet()));
    String help = Cli.run("--help").out();

    int last = -1;
    for (String command : YoiCommand.COMMANDS) {
      int at = help.indexOf("\n  " + command + " ");
      assertTrue(at > last, command + " after the one before it in:\n" + help);
      last = at;
    }
  }

  @Test
  void aRunRegistersOnlyTheCommandItNames() {
    assertEquals(List.of("inspect"), new ArrayList<>(YoiCommand.commandLine("inspect", "x.jar").getSubcommands().keySet()));
    assertEquals(List.of("mcp"), new ArrayList<>(YoiCommand.commandLine("mcp", "serve").getSubcommands().keySet()));
    for (String[] args : new String[][] {{}, {"--help"}, {"-h", "inspect"}, {"help", "inspect"}, {"inspec"}}) {
      assertEquals(YoiCommand.COMMANDS, new ArrayList<>(YoiCommand.commandLine(args).getSubcommands().keySet()),
          String.join(" ", args));
    }
  }

  @Test
  void eachCommandsHelpAndUsageErrorsAreTheSameAsWithEveryCommandRegistered() {
    List<String[]> runs = new ArrayList<>();
    for (String command : YoiCommand.COMMANDS) {
      runs.add(new String[] {command, "--help"});
      runs.add(new String[] {command, "--no-such-option"});
    }
    runs.add(new String[] {"mcp"});
    runs.add(new String[] {"mcp", "serve", "--help"});
    runs.add(new String[] {"mcp", "pin", "--help"});
    runs.add(new String[] {"mcp", "help", "serve"});
    runs.add(new String[] {"approve"});
    runs.add(new String[] {"inspect", "--format", "xml"});
    for (String[] args : runs) {
      Cli.Result alone = Cli.run(args);
      Cli.Result withEvery = Cli.runWithEveryCommand(args);

      String run = String.join(" ", args);
      assertEquals(withEvery.exitCode(), alone.exitCode(), run);
      assertEquals(withEvery.out(), alone.out(), run);
      assertEquals(withEvery.err(), alone.err(), run);
    }
    for (String command : YoiCommand.COMMANDS) {
      assertEquals(Cli.runWithEveryCommand("help", command).out(), Cli.run(command, "--help").out(), command);
    }
  }

  @Test
  void everyCommandsHelpListsTheExitCodes() {
    for (String command : new String[] {"inspect", "verify", "approve", "report", "demo"}) {
      Cli.Result result = Cli.run(command, "--help");

      assertEquals(ExitCodes.OK, result.exitCode(), command);
      assertTrue(result.out().contains("  2   Usage error"), command + ":\n" + result.out());
    }
  }

  @Test
  void everyCommandsHelpHasExamples() {
    for (String[] command : new String[][] {{"inspect"}, {"verify"}, {"approve"}, {"report"}, {"demo"},
        {"mcp", "serve"}}) {
      String help = Cli.run(java.util.stream.Stream.concat(java.util.Arrays.stream(command),
          java.util.stream.Stream.of("--help")).toArray(String[]::new)).out();

      assertTrue(help.contains("\nExamples:\n  yoi " + String.join(" ", command)), String.join(" ", command) + ":\n" + help);
    }
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Cli.Result result = Cli.run("verify", "--strict");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().contains("Unknown option: '--strict'"), result.err());
    assertTrue(result.err().contains("Run 'yoi verify --help' for its options and examples."), result.err());
    assertFalse(result.err().contains("Usage:"), "the mistake, not the whole help page: " + result.err());
    assertFalse(result.all().contains("\tat "), result.all());
  }

  @Test
  void aCommandThatThrowsIsAnInternalErrorInOneLineWithoutAStackTrace() {
    var cli = YoiCommand.commandLine();
    cli.addSubcommand("boom", new picocli.CommandLine(new Boom()));
    var err = new java.io.StringWriter();
    cli.setErr(new java.io.PrintWriter(err, true));

    int exit = cli.execute("boom");

    assertEquals(ExitCodes.INTERNAL, exit);
    assertTrue(err.toString().startsWith("yoi boom: internal error: java.lang.IllegalStateException: kaput at "),
        err.toString());
    assertFalse(err.toString().contains("\tat "), err.toString());
  }

  @picocli.CommandLine.Command(name = "boom")
  static final class Boom implements Runnable {
    @Override
    public void run() {
      throw new IllegalStateException("kaput");
    }
  }

  @Test
  void approveWithoutAFeatureIdIsAUsageError() {
    // --lock is no longer required: without it, yoi approve writes the person's own lock (issue 12).
    Cli.Result result = Cli.run("approve", "--lock", "features.lock.json");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().contains("Missing required parameter: 'FEATURE_ID'"), result.err());
  }

  @Test
  void noCommandIsAUsageErrorThatListsTheCommands() {
    Cli.Result result = Cli.run();

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().startsWith("yoi: name a command"), result.err());
    assertTrue(result.err().contains("\n  demo "), result.err());
    assertEquals("", result.out());
  }

  @Test
  void everyHelpFitsEightyColumnsAndNoExampleIsWrapped() {
    for (String command : new String[] {"inspect", "verify", "approve", "report", "demo"}) {
      String help = Cli.run(command, "--help").out();

      for (String line : help.split("\n")) {
        assertTrue(line.length() <= 80, command + ": " + line.length() + " columns: " + line);
      }
      int examples = help.indexOf("Examples:\n");
      if (examples >= 0) {
        for (String line : help.substring(examples + "Examples:\n".length()).split("\n")) {
          assertTrue(line.isEmpty() || line.startsWith("  "), command + ": a wrapped example line: " + line);
        }
      }
    }
  }
}
