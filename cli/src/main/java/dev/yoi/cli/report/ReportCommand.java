package dev.yoi.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.yoi.cli.ExitCodes;
import dev.yoi.cli.FormatNames;
import dev.yoi.cli.index.IndexPresence;
import dev.yoi.cli.approve.ApprovalOptions;
import dev.yoi.cli.index.InputException;
import dev.yoi.cli.index.InventoryJson;
import dev.yoi.cli.plugin.PluginLoaders;
import dev.yoi.mcp.bridge.McpBridgeInstaller;
import dev.yoi.cli.plugin.PluginOptions;
import dev.yoi.cli.text.TerminalText;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.ApprovalSettings;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.pod.DryRun;
import dev.yoi.pod.ManifestException;
import dev.yoi.pod.PodManifest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code yoi report}: what a Pod would install, without starting one. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    header = "Dry-run install report: what a Pod with this manifest and these plugins would install.",
    description = {
      "Runs the whole install path (enablement, grants from your approval lock, service order, each"
          + " feature's install and every registration check) into surfaces that keep nothing and"
          + " start nothing, and prints the report a real start would give.",
      "Also checks the manifest against what is there: an id it enables or disables that no index"
          + " defines, and tool rules with builtin:manifest-permissions disabled; and the plugins:"
          + " one whose classes are features but which has no index (the processor did not run).",
      "A lock that comes with the project (--lock, the manifest's \"approvals\") approves nothing"
          + " unless --trust-project-lock: the approvals that count are yours (--user-lock).",
      "Exits 1 if an enabled feature would not install, the manifest names a feature that is not"
          + " there, a plugin has features but no index, or anything else is an error; 2 if the"
          + " manifest or a lock is missing or invalid."
    },
    footer = {"", "Examples:",
      "  yoi report --manifest pod.json --project plugins/project --user ~/.yoi/plugins",
      "  yoi report --manifest pod.json --format json > report.json"})
public final class ReportCommand implements Callable<Integer> {
  /** The output formats. */
  public enum Format {
    text,
    json
  }

  @Option(names = "--manifest", paramLabel = "FILE", description = "The Pod manifest (JSON). Default:"
      + " none, which runs the builtins only.")
  private Path manifestFile;

  @Mixin private ApprovalOptions approvals;

  @Mixin private PluginOptions plugins;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = FormatNames.TEXT,
      converter = FormatConverter.class, description = "text or json (the InstallReport JSON"
      + " schema). Default: ${DEFAULT-VALUE}.")
  private Format format;

  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return FormatNames.parse(Format.class, value);
    }
  }

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PodManifest manifest;
    try {
      if (manifestFile != null && !Files.isRegularFile(manifestFile)) {
        throw new InputException("--manifest " + manifestFile + (Files.isDirectory(manifestFile)
            ? ": is a directory; name the manifest file in it (e.g. pod.json)" : ": no such file"));
      }
      manifest = manifestFile == null ? PodManifest.empty() : PodManifest.read(manifestFile);
    } catch (InputException e) {
      err.print(TerminalText.message("yoi report: " + e.getMessage()));
      return ExitCodes.USAGE;
    } catch (ManifestException e) {
      err.print(TerminalText.message(e.getMessage()));
      return ExitCodes.USAGE;
    }
    ApprovalSettings settings;
    try {
      settings = approvals.settings(manifestFile, manifest);
    } catch (InputException e) {
      err.println("yoi report: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    ClassLoader host = ReportCommand.class.getClassLoader();
    try (PluginLoaders loaders = plugins.open(host)) {
      List<FeatureLoader> all = new ArrayList<>();
      all.add(new FeatureLoader(host, FeatureSource.BUILTIN));
      all.addAll(loaders.loaders());
      // Feature files (bridged MCP servers) too: their installer starts each server, checks its
      // tools against the pin, and stops it again, as the dry run closes what an install opened.
      InstallReport report = DryRun.report(all, loaders.files(), manifest, AuthorityPolicy.standard(settings),
          List.of(new McpBridgeInstaller()));
      if (format == Format.json) {
        // The same document, with what a plugin wrote escaped for a terminal.
        out.print(InventoryJson.write((ObjectNode) InventoryJson.MAPPER.readTree(report.toJson())));
      } else {
        out.print(ReportText.render(report));
      }
      out.flush();
      // On stderr, so --format json stays one JSON document.
      List<String> manifestProblems = ManifestCheck.problems(manifest, report);
      manifestProblems.forEach(problem -> err.print(TerminalText.message("yoi report: " + problem)));
      // A plugin whose classes are features but which has no index contributes nothing, silently.
      List<Diagnostic> unindexed = new ArrayList<>();
      loaders.plugins().forEach(plugin -> IndexPresence.featuresWithoutIndex(plugin).ifPresent(unindexed::add));
      unindexed.forEach(problem -> err.print(TerminalText.message("yoi report: " + problem.message())));
      boolean allInstalled = report.features().stream().filter(FeatureReport::enabled).allMatch(FeatureReport::installed);
      return allInstalled && !report.hasErrors() && manifestProblems.isEmpty() && unindexed.isEmpty()
          ? ExitCodes.OK : ExitCodes.PROBLEMS;
    } catch (InputException e) {
      err.print(TerminalText.message("yoi report: " + e.getMessage()));
      return ExitCodes.USAGE;
    }
  }
}
