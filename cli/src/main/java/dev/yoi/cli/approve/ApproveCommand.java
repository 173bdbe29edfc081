package dev.yoi.cli.approve;

import dev.yoi.cli.ExitCodes;
import dev.yoi.cli.index.InputException;
import dev.yoi.cli.plugin.PluginLoaders;
import dev.yoi.cli.plugin.PluginOptions;
import dev.yoi.cli.text.DiagnosticText;
import dev.yoi.cli.text.TerminalText;
import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.Names;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.DescriptorClassFile;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.grant.Approval;
import dev.yoi.feature.grant.ApprovalLock;
import dev.yoi.feature.grant.ApprovalSettings;
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
 * the approval for this exact digest in the person's own lock, where a project cannot write it
 * (a project feature under the project's canonical path), or with {@code --lock} in a project's.
 */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    header = "Show what a plugin feature asks for, and record your approval in your lock.",
    description = {
      "Finds FEATURE_ID (project:slug or user:slug) among the plugins, shows every authority it"
          + " requests with its reason and what it contributes, and on approval records it in your"
          + " own lock (~/.yoi/approvals.json; a project feature under the project's path) for this"
          + " exact digest: a Pod grants the recorded authorities to this feature only while its"
          + " declarations are unchanged. The approval pins the declarations, not the bytecode; the"
          + " jar's SHA-256 is recorded too, for a Pod that pins code.",
      "If you approved an older digest, only what changed since is shown, and an optional"
          + " authority you left out then stays out unless you grant it anew with --with.",
      "--lock writes into a project's lock instead (one the project ships, e.g. for CI): a Pod"
          + " trusts that only when told to (--trust-project-lock).",
      "Asks for confirmation on a terminal; --yes approves without asking (scripts, CI). Without a"
          + " terminal and without --yes nothing is written and the exit code is 1."
    },
    footer = {"", "Examples:",
      "  yoi approve project:weather --project plugins/project",
      "  yoi approve project:weather --project plugins/project \\",
      "      --without SECRET_REF:weather-api-key --yes",
      "  yoi approve user:journal --user ~/.yoi/plugins --with MODEL_NOTIFICATION"})
public final class ApproveCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FEATURE_ID", description = "The plugin feature, e.g. project:weather.")
  private String featureId;

  @Option(names = "--lock", paramLabel = "FILE", description = "Write into this lock (a project's"
      + " features.lock.json, created if missing) instead of yours. A Pod trusts a project's lock only"
      + " when told to.")
  private Path lock;

  @Option(names = "--user-lock", paramLabel = "FILE", description = "Your own approval lock. Default:"
      + " ~/.yoi/approvals.json.")
  private Path userLock;

  @Option(names = "--project-dir", paramLabel = "DIR", description = "The project a project feature is"
      + " approved for: its path keys the approval in your lock. Default: the current directory.")
  private Path projectDirectory;

  @Mixin private PluginOptions plugins;

  @Option(names = "--without", paramLabel = "LABEL", description = "Leave out an optional authority,"
      + " named by its label as the prompt lists it (KIND:scope): the feature installs without the"
      + " contributions that need it. Repeatable.")
  private List<String> without = new ArrayList<>();

  @Option(names = "--with", paramLabel = "LABEL", description = "Grant an optional authority you left"
      + " out when you approved an earlier version (it stays out otherwise). Repeatable.")
  private List<String> with = new ArrayList<>();

  @Option(names = {"-y", "--yes"}, description = "Approve without asking.")
  private boolean yes;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<String> badId = Names.checkQualifiedId("FEATURE_ID", featureId);
    if (badId.isPresent()) {
      err.print(TerminalText.message("yoi approve: " + badId.get()));
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
        problems.forEach(d -> err.print(DiagnosticText.line(d)));
        err.println("yoi approve: " + featureId + " in " + inline(plugins.describe()) + " has a broken index"
            + " line (above), so there is nothing sound to approve. Rebuild the plugin, then approve it.");
        return ExitCodes.PROBLEMS;
      }
      if (matches.isEmpty()) {
        err.println("yoi approve: no feature " + featureId + " in " + inline(plugins.describe()) + ".");
        err.println(catalog.ids().isEmpty() ? "There are no plugin features there."
            : "Features there: " + inline(String.join(", ", catalog.ids())) + ".");
        return ExitCodes.PROBLEMS;
      }
      if (matches.size() > 1) {
        problems.forEach(d -> err.print(DiagnosticText.line(d)));
        err.println("yoi approve: " + featureId + " is defined " + matches.size()
            + " times; nothing is approved until only one plugin defines it.");
        return ExitCodes.PROBLEMS;
      }
      int exit = approve(matches.get(0), out, err);
      out.flush(); // the last lines are printed without a line end of their own
      return exit;
    } catch (InputException e) {
      err.print(TerminalText.message("yoi approve: " + e.getMessage()));
      return ExitCodes.USAGE;
    }
  }

  private int approve(CatalogEntry entry, PrintWriter out, PrintWriter err) throws IOException {
    // What the Pod checks before it loads the descriptor class, read from the class file here too:
    // never approve a line whose class was built from other declarations, and run no plugin code.
    // A feature file (an MCP server's pin) has no code and no descriptor class to check.
    DescriptorClassFile.Result classFile = entry.descriptor().server() != null ? null : DescriptorClassFile.check(entry);
    if (classFile instanceof DescriptorClassFile.Disagrees disagrees) {
      err.println(disagrees.diagnostic().message());
      err.println("yoi approve: " + featureId + "'s index line and its descriptor class come from different"
          + " builds (above), so there is nothing sound to approve. Rebuild the plugin, then approve it.");
      return ExitCodes.PROBLEMS;
    }
    if (classFile instanceof DescriptorClassFile.Unknown unknown) {
      err.println("yoi approve: " + featureId + " (index line " + entry.where() + "): " + unknown.why()
          + ", so a host could not install it and there is nothing sound to approve. Rebuild the plugin,"
          + " then approve it.");
      return ExitCodes.PROBLEMS;
    }
    FeatureDescriptor descriptor = entry.descriptor();
    Set<AuthorityLabel> optional = descriptor.authorities().stream().filter(AuthorityRequest::optional)
        .map(AuthorityRequest::label).collect(Collectors.toCollection(TreeSet::new));
    Optional<String> badLabel = checkLabels(descriptor, optional);
    if (badLabel.isPresent()) {
      err.print(TerminalText.message("yoi approve: " + badLabel.get()));
      return ExitCodes.USAGE;
    }

    Path target = lock != null ? lock : userLock != null ? userLock : ApprovalSettings.defaultUserLock();
    Optional<Path> project = lock == null && entry.source() == FeatureSource.PROJECT
        ? Optional.of(projectDirectory != null ? projectDirectory : Path.of("").toAbsolutePath())
        : Optional.empty();
    ApprovalLock existing;
    try {
      existing = ApprovalLock.read(target);
    } catch (IOException e) {
      err.print(TerminalText.message("yoi approve: " + lockProblem(target, e)));
      return ExitCodes.USAGE;
    }
    Optional<Approval> previous = project.isPresent() ? existing.approval(project.get(), featureId)
        : existing.approval(featureId);
    String invalid = (project.isPresent() ? existing.invalidEntries(project.get()) : existing.invalidEntries())
        .get(featureId);

    // Every earlier choice stands: an optional authority left out before stays out unless granted anew.
    Set<AuthorityLabel> withLabels = labels(with);
    Set<AuthorityLabel> keptOut = new TreeSet<>();
    previous.ifPresent(p -> {
      keptOut.addAll(ApprovalLock.requestedLabels(p.descriptor()));
      keptOut.removeAll(p.granted());
      keptOut.retainAll(optional);
      keptOut.removeAll(withLabels);
    });
    Set<AuthorityLabel> granted = new TreeSet<>(ApprovalLock.requestedLabels(descriptor));
    granted.removeAll(labels(without));
    granted.removeAll(keptOut);
    Set<AuthorityLabel> leftOut = new TreeSet<>(optional);
    leftOut.removeAll(granted);
    Optional<String> code = ApprovalLock.codeOf(entry);
    Approval approval = new Approval(featureId, entry.digest(), granted, descriptor, code);
    String where = target + project.map(p -> " for project " + ApprovalLock.projectKey(p)).orElse("");

    boolean sameDeclarations = previous.isPresent() && previous.get().digest().equals(entry.digest());
    if (sameDeclarations && previous.get().granted().equals(granted) && previous.get().code().equals(code)) {
      line(out, "", featureId + " " + inline(descriptor.version()) + " is already approved at " + entry.digest()
          + " in " + inline(where) + (granted.isEmpty() ? ", granting nothing." : ", granting " + inline(joined(granted)) + ".")
          + (keptOut.isEmpty() ? "" : " Kept out, as you chose before: " + inline(joined(keptOut))
              + " (grant it with --with)."));
      return ExitCodes.OK;
    }

    if (invalid != null) {
      line(out, "", "Your earlier entry for " + featureId + " in " + where + " grants nothing: " + invalid
          + ". Approving replaces it.");
      out.println();
    }
    if (previous.isPresent() && !sameDeclarations) {
      ApprovalPrompt.changes(entry, previous.get(), out);
    } else if (sameDeclarations && !previous.get().code().equals(code)) {
      ApprovalPrompt.sameDeclarationsNewCode(entry, previous.get(), code, out);
    } else {
      ApprovalPrompt.full(entry, out);
    }
    out.println();
    ApprovalPrompt.keptOut(keptOut, out);
    ApprovalPrompt.pinned(entry, code, where, lock != null, out);
    out.println();
    // Every label as data: the question names exactly what a yes grants.
    String question = "Approve " + featureId + " " + inline(descriptor.version())
        + (granted.isEmpty() ? "" : " with " + inline(joined(granted)))
        + (leftOut.isEmpty() ? "" : ", without " + inline(joined(leftOut))) + "?";
    if (!confirmed(question, out)) {
      out.println("Not approved; " + inline(target.toString()) + " is unchanged."
          + (yes || System.console() != null ? "" : " (No terminal to ask at: run again with --yes to approve.)"));
      return ExitCodes.PROBLEMS;
    }
    try {
      if (project.isPresent()) {
        ApprovalLock.approve(target, project.get(), approval);
      } else {
        ApprovalLock.approve(target, approval);
      }
    } catch (IOException e) {
      err.print(TerminalText.message("yoi approve: " + lockProblem(target, e)));
      return ExitCodes.USAGE;
    }
    line(out, "", "Approved " + featureId + " " + inline(descriptor.version()) + " (" + entry.digest() + ") in "
        + inline(where) + (granted.isEmpty() ? ", granting nothing." : ": granted " + inline(joined(granted)) + "."));
    return ExitCodes.OK;
  }

  /** Why a {@code --without} or {@code --with} label cannot be used, if one cannot. */
  private Optional<String> checkLabels(FeatureDescriptor descriptor, Set<AuthorityLabel> optional) {
    String optionals = optional.isEmpty() ? "; it has no optional authorities."
        : "; its optional authorities: " + joined(optional) + ".";
    for (String label : without) {
      Optional<AuthorityLabel> parsed = label(label);
      if (parsed.isEmpty() || !optional.contains(parsed.get())) {
        boolean required = parsed.isPresent() && ApprovalLock.requestedLabels(descriptor).contains(parsed.get());
        return Optional.of("--without " + label + ": " + featureId
            + (required ? " requires " + label + ", so it cannot be left out (the feature would not install)"
                : " has no optional authority " + label) + optionals);
      }
    }
    for (String label : with) {
      if (without.contains(label)) {
        return Optional.of("--with " + label + " and --without " + label + ": choose one");
      }
      Optional<AuthorityLabel> parsed = label(label);
      if (parsed.isEmpty() || !optional.contains(parsed.get())) {
        boolean required = parsed.isPresent() && ApprovalLock.requestedLabels(descriptor).contains(parsed.get());
        return Optional.of("--with " + label + ": " + featureId + (required ? " requires " + label
            + ", so it is granted anyway" : " has no optional authority " + label) + optionals);
      }
    }
    return Optional.empty();
  }

  /** The labels {@code texts} name (each checked by {@link #checkLabels} first). */
  private static Set<AuthorityLabel> labels(List<String> texts) {
    Set<AuthorityLabel> labels = new TreeSet<>();
    texts.forEach(text -> label(text).ifPresent(labels::add));
    return labels;
  }

  /** The label {@code text} names, if it is one: what {@code --without} takes, as prompts show it. */
  private static Optional<AuthorityLabel> label(String text) {
    try {
      return Optional.of(AuthorityLabel.parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static String joined(Set<AuthorityLabel> labels) {
    return String.join(", ", labels.stream().map(AuthorityLabel::toString).toList());
  }

  /** The lock's own messages already name the file; a bare I/O error gets the name added. */
  private static String lockProblem(Path target, IOException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains(target.toString()) ? message : target + ": " + message;
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

  private static String inline(String text) {
    return TerminalText.inline(text);
  }
}
