package dev.yoi.cli.inspect;

import dev.yoi.cli.ExitCodes;
import dev.yoi.cli.FormatNames;
import dev.yoi.cli.index.FoundFeature;
import dev.yoi.cli.index.IndexScanner;
import dev.yoi.cli.index.InputException;
import dev.yoi.cli.index.Inventory;
import dev.yoi.cli.index.InventoryJson;
import dev.yoi.cli.index.PluginPaths;
import dev.yoi.cli.text.DiagnosticText;
import dev.yoi.cli.text.TerminalText;
import dev.yoi.feature.Diagnostic;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code yoi inspect}: what features a jar or directory holds, read from its index alone. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    header = "List the features in plugin jars or directories, without loading their code.",
    description = {
      "Lists the features in plugin jars or directories, read from their indexes"
          + " (META-INF/yoi/features.jsonl) without loading any feature code.",
      "Problems with an index (a jar without one, a corrupt line, a digest that does not match)"
          + " go to stderr, one message each."
    },
    footer = {"", "Examples:",
      "  yoi inspect                          # the builtins inside yoi",
      "  yoi inspect plugins/project --long   # every plugin jar there, in detail",
      "  yoi inspect weather.jar --format dot | dot -Tsvg > features.svg"})
public final class InspectCommand implements Callable<Integer> {
  /** The output formats. */
  public enum Format {
    text,
    json,
    dot
  }

  @Mixin private PluginPaths inputs;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = FormatNames.TEXT,
      converter = FormatConverter.class,
      description = "text (a table that fits 100 columns), json (features with their full descriptors, and"
          + " the problems), or dot (Graphviz: features and the services between them)."
          + " Default: ${DEFAULT-VALUE}.")
  private Format format;

  @Option(names = {"-l", "--long"}, description = "After the table, every feature in detail: tools,"
      + " hooks, tasks, services and each authority with its reason.")
  private boolean details;

  @Spec private CommandSpec spec;

  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return FormatNames.parse(Format.class, value);
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ClassLoader own = InspectCommand.class.getClassLoader();
    Inventory inventory;
    try {
      inventory = inputs.read(own);
    } catch (InputException e) {
      err.print(TerminalText.message("yoi inspect: " + e.getMessage()));
      return ExitCodes.USAGE;
    }
    switch (format) {
      case json -> out.print(InventoryJson.write(InventoryJson.of(inventory)));
      case dot -> {
        List<FoundFeature> providers = inputs.builtinsOnly() ? List.of() : IndexScanner.builtins(own).features();
        out.print(FeatureGraph.dot(inventory.features(), providers));
      }
      case text -> {
        if (inventory.features().isEmpty()) {
          out.println("No features found.");
        } else {
          out.print(FeatureTable.summary(inventory.features()));
          if (details) {
            for (FoundFeature feature : inventory.features()) {
              out.println();
              out.print(FeatureTable.details(feature));
            }
          }
        }
      }
    }
    if (format != Format.json) {
      for (Diagnostic problem : inventory.problems()) {
        err.print(DiagnosticText.line(problem));
      }
    }
    out.flush();
    err.flush();
    return inventory.hasErrors() ? ExitCodes.PROBLEMS : ExitCodes.OK;
  }
}
