package dev.yoi.cli.mcp;

import dev.yoi.cli.ExitCodes;
import dev.yoi.cli.approve.ApprovalOptions;
import dev.yoi.cli.index.InputException;
import dev.yoi.cli.plugin.PluginLoaders;
import dev.yoi.mcp.bridge.McpBridgeInstaller;
import dev.yoi.cli.plugin.PluginOptions;
import dev.yoi.cli.text.DiagnosticText;
import dev.yoi.cli.text.TerminalText;
import dev.yoi.cli.text.TextTable;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.Severity;
import dev.yoi.mcp.server.ClientNotifications;
import dev.yoi.mcp.server.PodMcpServer;
import dev.yoi.pod.Pod;
import dev.yoi.pod.ManifestException;
import dev.yoi.pod.PodManifest;
import dev.yoi.pod.Alert;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code yoi mcp serve}: a Pod's tools to any MCP client, over stdio. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    header = "Serve a Pod's tools to an MCP client over stdio.",
    description = {
      "Starts a Pod as yoi report resolves it (the builtins, project and user plugins, the manifest"
          + " and its approval lock) and serves its tools over MCP on stdin/stdout, until the client"
          + " closes stdin. MCP clients start it themselves: docs/mcp.md has the configuration to paste.",
      "tools/list is every tool the Pod offers its model, with the build-time input schema; tools/call"
          + " runs through the Pod (hooks, input validation, the manifest's tool rules, the history),"
          + " and a denied or failing call is a tool result with isError. Features' model notifications"
          + " reach the client as MCP logging; alerts and diagnostics go to stderr, never stdout.",
      "Exits 1 before serving if an enabled feature does not install, with the report's errors on"
          + " stderr; 2 for a missing or invalid manifest, lock, plugin path or history directory."
    },
    footer = {"", "Examples:",
      "  yoi mcp serve --manifest pod.json --history ~/.yoi/history",
      "  yoi mcp serve --manifest pod.json --project plugins/project"})
public final class ServeCommand implements Callable<Integer> {
  private static final String NAME = "yoi mcp serve";

  @Option(names = "--manifest", paramLabel = "FILE", description = "The Pod manifest (JSON). Default:"
      + " none, which serves the builtins only.")
  private Path manifestFile;

  @Mixin private ApprovalOptions approvals;

  @Mixin private PluginOptions plugins;

  @Option(names = "--history", paramLabel = "DIR", description = "Where the Pod keeps its durable"
      + " history (history.jsonl) and its features' state stores. Default: both in memory, gone when"
      + " the server stops.")
  private Path historyDirectory;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    // stdout is the MCP connection: whatever else would print there (a plugin, a library) goes to
    // stderr instead, from before the first feature class is loaded.
    OutputStream mcpOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
    PrintStream stdout = System.out;
    System.setOut(System.err);
    try {
      return serve(mcpOut, err);
    } finally {
      System.setOut(stdout);
    }
  }

  private int serve(OutputStream mcpOut, PrintWriter err) throws InterruptedException {
    if (manifestFile != null && !Files.isRegularFile(manifestFile)) {
      err.println(NAME + ": --manifest " + manifestFile + (Files.isDirectory(manifestFile)
          ? ": is a directory; name the manifest file in it (e.g. pod.json)" : ": no such file"));
      return ExitCodes.USAGE;
    }
    ClassLoader host = ServeCommand.class.getClassLoader();
    try (PluginLoaders loaders = plugins.open(host)) {
      ClientNotifications notifications = new ClientNotifications();
      Pod.Builder builder = Pod.builder().features(host, FeatureSource.BUILTIN);
      loaders.loaders().forEach(loader -> builder.features(loader.loader(), loader.source()));
      // Feature files beside the jars: bridged MCP servers, served downstream like any tool.
      loaders.files().forEach(file -> builder.featureFile(file.path(), file.source()));
      builder.runtime(new McpBridgeInstaller());
      PodManifest manifest;
      try {
        manifest = manifestFile != null ? PodManifest.read(manifestFile) : PodManifest.empty();
        approvals.apply(approvals.settings(manifestFile, manifest), builder.manifest(manifest));
      } catch (ManifestException e) {
        err.println(e.getMessage());
        return ExitCodes.USAGE;
      }
      if (historyDirectory != null) {
        builder.history(historyDirectory);
      }
      Pod pod;
      try {
        pod = builder.alerts(alert -> alert(err, alert)).modelNotifications(notifications).build();
      } catch (ManifestException e) {
        err.print(TerminalText.message(e.getMessage()));
        return ExitCodes.USAGE;
      } catch (IllegalStateException | UncheckedIOException e) {
        // The history directory: open in another Pod, damaged, or not writable.
        err.print(TerminalText.message(NAME + ": --history " + historyDirectory + ": " + e.getMessage()));
        return ExitCodes.USAGE;
      }
      Thread closer = new Thread(pod::close, "yoi-mcp-serve-close");
      Runtime.getRuntime().addShutdownHook(closer); // a client that kills the server: close the Pod
      try (pod) {
        InstallReport report = pod.start();
        if (!installed(report, err)) {
          return ExitCodes.PROBLEMS;
        }
        pod.subscribe(diagnostic -> print(err, diagnostic));
        try (PodMcpServer server = PodMcpServer.stdio(pod, System.in, mcpOut, notifications)) {
          List<String> features = report.features().stream()
              .filter(FeatureReport::installed).map(FeatureReport::id).toList();
          err.print(TextTable.hanging("", "  ", NAME + ": serving " + pod.offeredTools().size()
              + " tools of " + TerminalText.inline(String.join(", ", features)) + " over stdio; history "
              + pod.historyFile().map(file -> TerminalText.inline(file.toString())).orElse("in memory")));
          err.flush();
          server.awaitDisconnect();
        }
        return ExitCodes.OK;
      } finally {
        removeHook(closer);
      }
    } catch (InputException e) {
      err.print(TerminalText.message(NAME + ": " + e.getMessage()));
      return ExitCodes.USAGE;
    }
  }

  /**
   * Whether every enabled feature installed without an error; if not, prints the report's errors
   * and says that nothing is served. Warnings are printed either way; notes (such as a plugin the
   * manifest does not enable) only by yoi report.
   */
  private static boolean installed(InstallReport report, PrintWriter err) {
    report.allDiagnostics().stream().filter(d -> d.severity() == Severity.WARNING).forEach(d -> print(err, d));
    List<String> missing = report.features().stream()
        .filter(f -> f.enabled() && !f.installed()).map(FeatureReport::id).toList();
    if (missing.isEmpty() && !report.hasErrors()) {
      return true;
    }
    report.allDiagnostics().stream().filter(d -> d.severity() == Severity.ERROR).forEach(d -> print(err, d));
    err.println(NAME + ": not serving: " + (missing.isEmpty() ? "the install report has errors"
        : "enabled feature(s) did not install: " + TerminalText.inline(String.join(", ", missing)))
        + ". Fix the errors above; yoi report with the same options shows the whole report.");
    err.flush();
    return false;
  }

  private static void print(PrintWriter err, Diagnostic diagnostic) {
    err.print(DiagnosticText.item(diagnostic));
    err.flush();
  }

  /** A feature's alert: its text as data, its lines under the message. */
  private static void alert(PrintWriter err, Alert alert) {
    err.print(TerminalText.field("  alert " + alert.level().name().toLowerCase(Locale.ROOT)
        + " from " + TerminalText.inline(alert.featureId()) + ": ", alert.message()));
    err.flush();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook closes the Pod (close is idempotent).
    }
  }
}
