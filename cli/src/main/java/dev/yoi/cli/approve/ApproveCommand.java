package dev.yoi.cli.approve;

import dev.yoi.cli.ExitCodes;
import dev.yoi.cli.index.InputException;
import dev.yoi.cli.index.Locations;
import dev.yoi.cli.plugin.PluginLoaders;
import dev.yoi.cli.plugin.PluginOptions;
import dev.yoi.cli.text.TextTable;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.Names;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.RequiredService;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.grant.Approval;
import dev.yoi.feature.grant.ApprovalLock;
import dev.yoi.feature.grant.DescriptorDiff;
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
      "  yoi approve project:weather --lock features.lock.json --without SECRET_REF:weather-api-key --yes"})
public final class ApproveCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FEATURE_ID", description = "The plugin feature, e.g. project:weather.")
  private String featureId;

  @Option(names = "--lock", paramLabel = "FILE", required = true, description = "The approval lock"
      + " to update (features.lock.json); created if missing.")
  private Path lock;

  @Mixin private PluginOptions plugins;

  @Option(names = "--without", paramLabel = "LABEL", description = "Leave out an optional authority,"
      + " e.g. SECRET_REF:weather-api-key: the feature installs without the contributions that need"
      + " it. Repeatable.")
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
      FeatureCatalog catalog = FeatureCatalog.read(loaders.loaders());
      List<CatalogEntry> matches = catalog.entries(featureId);
      if (matches.isEmpty()) {
        err.println("yoi approve: no feature " + featureId + " in " + plugins.describe() + ".");
        err.println(catalog.ids().isEmpty() ? "There are no plugin features there."
            : "Features there: " + String.join(", ", catalog.ids()) + ".");
        catalog.diagnostics(featureId).forEach(d -> err.println(d.message()));
        return ExitCodes.PROBLEMS;
      }
      if (matches.size() > 1) {
        for (Diagnostic problem : catalog.diagnostics(featureId)) {
          err.println(problem.message());
        }
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
        err.println("yoi approve: --without " + label + ": " + featureId + " has no optional authority"
            + " " + label + (optional.isEmpty() ? "; it has no optional authorities."
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
      err.println("yoi approve: " + lock + ": " + e.getMessage());
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
      printChanges(entry, previous.get(), out);
    } else {
      printPrompt(entry, out);
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
      err.println("yoi approve: " + lock + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    line(out, "", "Approved " + featureId + " " + descriptor.version() + " (" + entry.digest() + ") in "
        + lock + (granted.isEmpty() ? ", granting nothing." : ": granted " + String.join(", ", granted) + "."));
    return ExitCodes.OK;
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

  /** The whole permission prompt: who asks, for what, why, and what it will add to the Pod. */
  private void printPrompt(CatalogEntry entry, PrintWriter out) {
    FeatureDescriptor d = entry.descriptor();
    out.println(entry.id() + " " + d.version() + " asks for approval.");
    line(out, "  ", d.name() + (d.description().isEmpty() ? "" : ": " + d.description()));
    line(out, "  ", "from " + Locations.display(entry.location()) + " (index line " + entry.lineNumber() + ")");
    line(out, "  ", "digest " + entry.digest());
    out.println();
    if (d.authorities().isEmpty()) {
      out.println("It requests no authority.");
    } else {
      out.println("It requests:");
      for (AuthorityRequest authority : d.authorities()) {
        out.println("  " + authority.label() + (authority.optional() ? "  (optional)" : "  (required)"));
        line(out, "      ", authority.reason());
      }
    }
    List<String> contributions = contributions(entry);
    if (!contributions.isEmpty()) {
      out.println();
      out.println("It contributes:");
      contributions.forEach(c -> line(out, "  ", c));
    }
  }

  /** Only what changed since the approved digest. */
  private void printChanges(CatalogEntry entry, Approval previous, PrintWriter out) {
    DescriptorDiff diff = DescriptorDiff.between(previous.descriptor(), entry.descriptor());
    line(out, "", entry.id() + " changed since it was approved (" + previous.digest() + " -> "
        + entry.digest() + "). Only the changes need your approval:");
    diff.lines().forEach(l -> hanging(out, "  ", "    ", l));
    line(out, "", "(+ added, - removed, ~ changed, ! widens an authority.) Previously granted: "
        + (previous.granted().isEmpty() ? "nothing" : String.join(", ", previous.granted())) + ".");
  }

  private static List<String> contributions(CatalogEntry entry) {
    FeatureDescriptor d = entry.descriptor();
    List<String> lines = new ArrayList<>();
    for (ToolDescriptor tool : d.tools()) {
      lines.add("tool " + tool.name() + ": " + tool.description()
          + (tool.requires().isEmpty() ? "" : " (needs " + tool.requires().stream().map(Enum::name)
              .collect(Collectors.joining(", ")) + ")"));
    }
    d.hooks().forEach(h -> lines.add("hook " + h.name() + " (" + h.point().wireName() + ")"));
    for (TaskDescriptor task : d.backgroundTasks()) {
      lines.add("background task " + task.name() + (task.every().isEmpty() ? "" : " every " + task.every())
          + ": " + task.description());
    }
    for (ProvidedService service : d.providedServices()) {
      lines.add("service " + entry.source().qualify(service.id()) + " " + service.version());
    }
    for (RequiredService service : d.requiredServices()) {
      lines.add("uses service " + service.id() + " " + service.version() + ": " + service.reason());
    }
    return lines;
  }

  private static void line(PrintWriter out, String indent, String text) {
    hanging(out, indent, indent, text);
  }

  /** Wraps at 100 columns: the first line after {@code first}, the others after {@code rest}. */
  private static void hanging(PrintWriter out, String first, String rest, String text) {
    List<String> lines = TextTable.wrap(text, 100 - rest.length());
    for (int i = 0; i < lines.size(); i++) {
      out.println((i == 0 ? first : rest) + lines.get(i));
    }
  }
}
