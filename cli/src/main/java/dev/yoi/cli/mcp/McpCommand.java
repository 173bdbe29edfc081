package dev.yoi.cli.mcp;

import dev.yoi.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code yoi mcp}: MCP servers as features. */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    header = "Bridge MCP servers into a Pod as features.",
    description = "Pin an MCP server's tools into a feature file that a person approves like any plugin.",
    subcommands = {McpPinCommand.class, CommandLine.HelpCommand.class})
public final class McpCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  /** {@code yoi mcp} alone: which subcommands there are, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("yoi mcp: name a subcommand, e.g. yoi mcp pin");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
