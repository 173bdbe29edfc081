package dev.yoi.cli.verify;

import dev.yoi.cli.ExitCodes;
import dev.yoi.cli.index.FoundFeature;
import dev.yoi.cli.index.IndexScanner;
import dev.yoi.cli.index.InputException;
import dev.yoi.cli.index.Inventory;
import dev.yoi.cli.index.PluginPaths;
import dev.yoi.cli.text.DiagnosticText;
import dev.yoi.cli.text.TerminalText;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.Severity;
import dev.yoi.feature.report.Diagnostics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code yoi verify}: the checks a host makes before installing, run ahead of it, for CI. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    header = "Check plugin indexes: formats, digests, duplicates. Exits 1 on any error (for CI).",
    description = {
      "Checks plugin indexes the way a host would before installing them: every line parses and is"
          + " in a known format, every digest matches its descriptor and the descriptor class"
          + " compiled beside it, the classes an index names exist, and no feature id, tool name"
          + " or service is claimed twice (the builtins inside yoi count as installed too).",
      "Prints one message per problem and exits 1 if there is any error: put it in CI."
    },
    footer = {"", "Examples:",
      "  yoi verify target/my-plugin.jar",
      "  yoi verify ~/.yoi/plugins/user --source user"})
public final class VerifyCommand implements Callable<Integer> {
  @Mixin private PluginPaths inputs;

  @Option(names = "--no-builtins", description = "Do not count yoi's builtins when looking for"
      + " duplicate tool names and services.")
  private boolean noBuiltins;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ClassLoader own = VerifyCommand.class.getClassLoader();
    Inventory inventory;
    try {
      inventory = inputs.read(own);
    } catch (InputException e) {
      err.print(TerminalText.message("yoi verify: " + e.getMessage()));
      return ExitCodes.USAGE;
    }
    List<FoundFeature> installedTogether = new ArrayList<>(inventory.features());
    List<String> notes = new ArrayList<>();
    if (!inputs.builtinsOnly() && !noBuiltins) {
      BuiltinCopies copies = BuiltinCopies.of(inventory.features(), IndexScanner.builtins(own).features());
      installedTogether.addAll(copies.others());
      notes.addAll(copies.notes());
    }
    List<Diagnostic> problems = new ArrayList<>(inventory.problems());
    problems.addAll(DuplicateCheck.check(installedTogether));
    for (FoundFeature feature : inventory.features()) {
      if (!feature.descriptor().runtime().supported()) {
        problems.add(Diagnostics.warning(DiagnosticCode.RUNTIME_UNSUPPORTED, feature.id(), "feature "
            + feature.id() + " runs on " + feature.descriptor().runtime().wireName() + ", which this host"
            + " cannot run yet: it will be listed and reported, never installed."));
      }
    }

    for (Diagnostic problem : problems) {
      out.print(DiagnosticText.line(problem));
    }
    notes.forEach(note -> out.print(TerminalText.message(note)));
    long errors = problems.stream().filter(p -> p.severity() == Severity.ERROR).count();
    long warnings = problems.stream().filter(p -> p.severity() == Severity.WARNING).count();
    int features = inventory.features().size();
    if (errors == 0) {
      out.println("verified " + count(features, "feature") + ": no errors"
          + (warnings == 0 ? "." : ", " + count(warnings, "warning") + "."));
    } else {
      out.println("verify failed: " + count(errors, "error")
          + (warnings == 0 ? "" : " and " + count(warnings, "warning"))
          + " (" + count(features, "sound feature") + ").");
    }
    out.flush();
    return errors == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
