package dev.yoi.cli.mcp;

import dev.yoi.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code yoi mcp}: a Pod and the Model Context Protocol, served and bridged. */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    header = "A Pod and the Model Context Protocol (MCP): serve a Pod, bridge MCP servers into one.",
    description = "serve offers a Pod's tools to an MCP client; pin pins an MCP server's tools into a"
        + " feature file that a person approves like any plugin.",
    subcommands = {ServeCommand.class, McpPinCommand.class, CommandLine.HelpCommand.class})
public final class McpCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  /** {@code yoi mcp} alone: which subcommands there are, as a usage error. */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("yoi mcp: name a subcommand, e.g. yoi mcp serve");
    spec.commandLine().usage(err);
    return ExitCodes.USAGE;
  }
}
