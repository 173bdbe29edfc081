package dev.yoi.cli.approve;

import dev.yoi.cli.ExitCodes;
import dev.yoi.cli.index.InputException;
import dev.yoi.cli.plugin.PluginLoaders;
import dev.yoi.cli.plugin.PluginOptions;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.Names;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.grant.Approval;
import dev.yoi.feature.grant.ApprovalLock;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code yoi approve}: the permission prompt for a plugin feature. Shows every authority it
 * requests with its reason (or, when an approved feature changed, only what changed) and records
 * the approval for this exact digest in the lock.
 */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    header = "Show what a plugin feature asks for, and record your approval in the lock.",
    description = {
      "Finds FEATURE_ID (project:slug or user:slug) among the plugins, shows every authority it"
          + " requests with its reason and what it contributes, and on approval records it in the"
          + " lock for this exact digest: the host grants the recorded authorities to this feature"
          + " only while its descriptor is unchanged.",
      "If the lock already approves an older digest, only what changed since is shown.",
      "Asks for confirmation on a terminal; --yes approves without asking (scripts, CI). Without a"
          + " terminal and without --yes nothing is written and the exit code is 1."
    },
    footer = {"", "Examples:",
      "  yoi approve project:weather --lock features.lock.json",
      "  yoi approve project:weather --lock features.lock.json \\",
      "      --without SECRET_REF:weather-api-key --yes"})
public final class ApproveCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FEATURE_ID", description = "The plugin feature, e.g. project:weather.")
  private String featureId;

  @Option(names = "--lock", paramLabel = "FILE", required = true, description = "The approval lock"
      + " to update (features.lock.json); created if missing.")
  private Path lock;

  @Mixin private PluginOptions plugins;

  @Option(names = "--without", paramLabel = "LABEL", description = "Leave out an optional authority,"
      + " named by its label as the prompt lists it (KIND:scope): the feature installs without the"
      + " contributions that need it. Repeatable.")
  private List<String> without = new ArrayList<>();

  @Option(names = {"-y", "--yes"}, description = "Approve without asking.")
  private boolean yes;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<String> badId = Names.checkQualifiedId("FEATURE_ID", featureId);
    if (badId.isPresent()) {
      err.println("yoi approve: " + badId.get());
      return ExitCodes.USAGE;
    }
    if (FeatureSource.ofQualifiedId(featureId) == FeatureSource.BUILTIN) {
      err.println("yoi approve: " + featureId + " is a builtin feature: the host grants builtins what"
          + " they request, so there is nothing to approve. Approve project: and user: features.");
      return ExitCodes.USAGE;
    }
    try (PluginLoaders loaders = plugins.open(ApproveCommand.class.getClassLoader())) {
      FeatureCatalog catalog = FeatureCatalog.read(loaders.loaders(), loaders.files());
      List<CatalogEntry> matches = catalog.entries(featureId);
      List<Diagnostic> problems = catalog.diagnostics(featureId);
      if (matches.isEmpty() && !problems.isEmpty()) {
        // Its index line is there but broken (a digest mismatch, say): never approve what was not built.
        problems.forEach(d -> err.println(d.message()));
        err.println("yoi approve: " + featureId + " in " + plugins.describe() + " has a broken index"
            + " line (above), so there is nothing sound to approve. Rebuild the plugin, then approve it.");
        return ExitCodes.PROBLEMS;
      }
      if (matches.isEmpty()) {
        err.println("yoi approve: no feature " + featureId + " in " + plugins.describe() + ".");
        err.println(catalog.ids().isEmpty() ? "There are no plugin features there."
            : "Features there: " + String.join(", ", catalog.ids()) + ".");
        return ExitCodes.PROBLEMS;
      }
      if (matches.size() > 1) {
        problems.forEach(d -> err.println(d.message()));
        err.println("yoi approve: " + featureId + " is defined " + matches.size()
            + " times; nothing is approved until only one plugin defines it.");
        return ExitCodes.PROBLEMS;
      }
      return approve(matches.get(0), out, err);
    } catch (InputException e) {
      err.println("yoi approve: " + e.getMessage());
      return ExitCodes.USAGE;
    }
  }

  private int approve(CatalogEntry entry, PrintWriter out, PrintWriter err) throws IOException {
    FeatureDescriptor descriptor = entry.descriptor();
    Set<String> optional = descriptor.authorities().stream().filter(AuthorityRequest::optional)
        .map(AuthorityRequest::label).collect(Collectors.toCollection(TreeSet::new));
    for (String label : without) {
      if (!optional.contains(label)) {
        boolean required = ApprovalLock.requestedLabels(descriptor).contains(label);
        err.println("yoi approve: --without " + label + ": " + featureId
            + (required ? " requires " + label + ", so it cannot be left out (the feature would not install)"
                : " has no optional authority " + label)
            + (optional.isEmpty() ? "; it has no optional authorities."
                : "; its optional authorities: " + String.join(", ", optional) + "."));
        return ExitCodes.USAGE;
      }
    }
    Set<String> granted = new TreeSet<>(ApprovalLock.requestedLabels(descriptor));
    granted.removeAll(without);

    ApprovalLock existing;
    try {
      existing = ApprovalLock.read(lock);
    } catch (IOException e) {
      err.println("yoi approve: " + lockProblem(e));
      return ExitCodes.USAGE;
    }
    Optional<Approval> previous = existing.approval(featureId);
    if (previous.isPresent() && previous.get().digest().equals(entry.digest())
        && previous.get().granted().equals(granted)) {
      line(out, "", featureId + " " + descriptor.version() + " is already approved at " + entry.digest()
          + " in " + lock + (granted.isEmpty() ? ", granting nothing." : ", granting " + String.join(", ", granted) + "."));
      return ExitCodes.OK;
    }

    if (previous.isPresent() && !previous.get().digest().equals(entry.digest())) {
      ApprovalPrompt.changes(entry, previous.get(), out);
    } else {
      ApprovalPrompt.full(entry, out);
    }
    out.println();
    String question = "Approve " + featureId + " " + descriptor.version()
        + (granted.isEmpty() ? "" : " with " + String.join(", ", granted))
        + (without.isEmpty() ? "" : ", without " + String.join(", ", new TreeSet<>(without))) + "?";
    if (!confirmed(question, out)) {
      out.println("Not approved; " + lock + " is unchanged."
          + (yes || System.console() != null ? "" : " (No terminal to ask at: run again with --yes to approve.)"));
      return ExitCodes.PROBLEMS;
    }
    try {
      ApprovalLock.approve(lock, featureId, entry.digest(), descriptor, granted);
    } catch (IOException e) {
      err.println("yoi approve: " + lockProblem(e));
      return ExitCodes.USAGE;
    }
    line(out, "", "Approved " + featureId + " " + descriptor.version() + " (" + entry.digest() + ") in "
        + lock + (granted.isEmpty() ? ", granting nothing." : ": granted " + String.join(", ", granted) + "."));
    return ExitCodes.OK;
  }

  /** The lock's own messages already name the file; a bare I/O error gets the name added. */
  private String lockProblem(IOException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains(lock.toString()) ? message : "--lock " + lock + ": " + message;
  }

  private boolean confirmed(String question, PrintWriter out) {
    if (yes) {
      out.println(question + " yes (--yes)");
      return true;
    }
    Console console = System.console();
    if (console == null) {
      out.println(question);
      return false;
    }
    out.flush();
    String answer = console.readLine("%s [y/N] ", question);
    return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT));
  }

  private static void line(PrintWriter out, String indent, String text) {
    ApprovalPrompt.line(out, indent, text);
  }
}
