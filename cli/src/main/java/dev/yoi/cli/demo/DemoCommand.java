package dev.yoi.cli.demo;

import dev.yoi.cli.ExitCodes;
import dev.yoi.cli.index.InputException;
import dev.yoi.cli.plugin.BundledPlugins;
import dev.yoi.cli.plugin.PluginLoaders;
import dev.yoi.cli.report.ReportText;
import dev.yoi.cli.text.TerminalText;
import dev.yoi.cli.text.TextTable;
import dev.yoi.descriptor.McpServer;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureFile;
import dev.yoi.mcp.bridge.McpBridgeInstaller;
import dev.yoi.mcp.bridge.McpPin;
import dev.yoi.pod.Alert;
import dev.yoi.pod.AlertSink;
import dev.yoi.pod.Pod;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code yoi demo}: a Pod with the builtins and both example plugins, each plugin through its own
 * class loader with its own source, and, when Node.js is there, a reference MCP server bridged as
 * a project feature; all enabled in a generated manifest and approved in a generated lock; two
 * scripted turns; then the install report and the history.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Run a Pod with the builtins and the example plugins through a scripted conversation.",
    description = {
      "Loads the builtins from yoi itself and each example plugin through its own class loader"
          + " (plugins/project/*.jar as project plugins, plugins/user/*.jar as user plugins),"
          + " writes a manifest that enables them and a lock that approves them, and starts a Pod"
          + " with a scripted model. The model uses the task, memory, weather and journal tools;"
          + " the manifest denies it one tool; the journal's hooks record every call; and"
          + " task-reminders notifies the model about the task it left in progress.",
      "With node on the PATH, it also bridges a real MCP server: @modelcontextprotocol/server-everything,"
          + " which the build installs with npm into mcp-servers beside yoi.jar. The demo pins it as"
          + " yoi mcp pin does (a feature file, project:everything), approves it with the plugins, and"
          + " the model calls its echo tool through the Pod's tool path. Without node or the installed"
          + " server, one line says so and the rest runs unchanged.",
      "Prints the generated manifest and approvals, the install report, the alerts and the"
          + " history. Exits 1 if a feature did not install or the reminder never came."
    },
    footer = {"", "Examples:",
      "  yoi demo                          # in a temporary directory, deleted after",
      "  yoi demo --work-dir yoi-demo      # keep the manifest, lock, history, state",
      "  yoi demo --plugins my-plugins     # my-plugins/project, my-plugins/user",
      "  yoi demo --mcp-servers DIR        # server-everything from DIR/node_modules"})
public final class DemoCommand implements Callable<Integer> {
  static final String REMINDERS = "builtin:task-reminders";
  private static final long REMINDER_TIMEOUT_SECONDS = 10;

  @Option(names = "--plugins", paramLabel = "DIR", description = "The plugin directory: DIR/project"
      + " holds project plugin jars, DIR/user user plugin jars. Default: the plugins directory"
      + " beside yoi.jar.")
  private Path pluginsOption;

  @Option(names = "--mcp-servers", paramLabel = "DIR", description = "Where the MCP server to bridge is"
      + " installed: DIR/node_modules/@modelcontextprotocol/server-everything (npm ci of the build's"
      + " pinned lock). Default: the mcp-servers directory beside yoi.jar.")
  private Path mcpServersOption;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Where to write the manifest,"
      + " lock, history and state stores, and keep them. Default: a temporary directory, deleted"
      + " afterwards.")
  private Path workDirOption;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path plugins = pluginsOption != null ? pluginsOption : BundledPlugins.directory().orElse(null);
    if (plugins == null || !Files.isDirectory(plugins)) {
      err.println("yoi demo: " + (plugins == null ? "no plugins directory beside yoi.jar" : plugins
          + ": no such directory") + ". Build first: mvn -q -DskipTests package");
      return ExitCodes.USAGE;
    }
    Path work;
    try {
      work = workDirOption != null ? Files.createDirectories(workDirOption)
          : Files.createTempDirectory("yoi-demo-");
    } catch (IOException e) {
      // A file in the way, or no permission: the person's input, not a bug in yoi.
      err.println("yoi demo: --work-dir " + workDirOption + ": cannot use it as a directory (" + e
          + "). Name a directory yoi can create or write to.");
      return ExitCodes.USAGE;
    }
    try {
      return run(plugins, work, out, err);
    } catch (InputException e) {
      err.print(TerminalText.message("yoi demo: " + e.getMessage()));
      return ExitCodes.USAGE;
    } finally {
      out.flush();
      if (workDirOption == null) {
        deleteRecursively(work);
      }
    }
  }

  private int run(Path plugins, Path work, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException, InputException {
    ClassLoader host = DemoCommand.class.getClassLoader();
    try (PluginLoaders loaders = PluginLoaders.openLayout(host, plugins)) {
      if (loaders.plugins().isEmpty()) {
        err.println("yoi demo: no plugin jars under " + plugins + "/project or " + plugins
            + "/user. Build first: mvn -q -DskipTests package");
        return ExitCodes.USAGE;
      }
      out.println("Yoi demo: a Pod with the builtins and the example plugins.");
      out.println();
      out.println("Plugins, each through its own class loader:");
      for (int i = 0; i < loaders.plugins().size(); i++) {
        out.printf("  %-8s %s%n", loaders.loaders().get(i).source().prefix(),
            TerminalText.inline(relative(loaders.plugins().get(i)).toString()));
      }
      out.println();
      // Every file below is in it; say whether it outlives the demo, so no path printed is a surprise.
      out.println(workDirOption == null ? "Working directory, temporary: deleted when the demo ends"
          + " (--work-dir DIR keeps it):" : "Working directory, kept after the demo (--work-dir):");
      out.println("  " + TerminalText.inline(work.toString()));

      DemoBridge.Outcome bridge = DemoBridge.pin(
          mcpServersOption != null ? Optional.of(mcpServersOption) : BundledPlugins.mcpServers(), work);
      out.println();
      List<FeatureFile> featureFiles = new ArrayList<>();
      if (bridge instanceof DemoBridge.Pinned pinned) {
        featureFiles.add(pinned.file());
        printPinned(pinned, work, out);
      } else {
        // One line, whatever the reason holds (a failed pin's message may quote the server's stderr).
        out.println(TerminalText.inline("MCP server not bridged: " + ((DemoBridge.Skipped) bridge).reason()
            + ". The demo runs without it."));
      }

      List<CatalogEntry> pluginFeatures = FeatureCatalog.read(loaders.loaders(), featureFiles).entries();
      Path manifest = DemoSetup.writeManifest(work, pluginFeatures, out);
      Path lock = DemoSetup.approve(work, pluginFeatures, out);

      List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch reminded = new CountDownLatch(1);
      AlertSink sink = alert -> {
        alerts.add(alert);
        if (alert.featureId().equals(REMINDERS)) {
          reminded.countDown();
        }
      };
      Pod.Builder builder = Pod.builder().features(host, FeatureSource.BUILTIN);
      loaders.loaders().forEach(l -> builder.features(l.loader(), l.source()));
      featureFiles.forEach(f -> builder.featureFile(f.path(), f.source()));
      try (Pod pod = builder
          .manifest(manifest)
          // The demo wrote this lock itself, moments ago: the one case where a Pod may trust the
          // lock beside its manifest. It reads no approvals of the person running it.
          .approvals(lock)
          .trustProjectLock(true)
          .userApprovals(work.resolve("user-approvals.json"))
          .history(work.resolve("history"))
          .dataDirectory(work.resolve("data"))
          .model(DemoScript.model(!featureFiles.isEmpty()))
          // Starts the bridged server as a supervised task; the Pod's close stops it.
          .runtime(new McpBridgeInstaller())
          .alerts(sink)
          .build()) {
        InstallReport report = pod.start();
        out.println();
        out.println("== Install report ==");
        out.println();
        out.print(ReportText.render(report));

        for (String message : DemoScript.USER_TURNS) {
          pod.runTurn(message);
        }
        // task-reminders runs every second on the host's supervisor; it alerts when it reminded.
        boolean arrived = reminded.await(REMINDER_TIMEOUT_SECONDS, TimeUnit.SECONDS);

        out.println();
        out.println("== Alerts (transient, for the person; never in history) ==");
        out.println();
        synchronized (alerts) {
          alerts.forEach(a -> out.print(TerminalText.field(
              "  " + TerminalText.inline(a.featureId()) + " " + a.level() + ": ", a.message())));
        }
        if (!arrived) {
          out.println("  (no reminder from " + REMINDERS + " within " + REMINDER_TIMEOUT_SECONDS + " s)");
        }
        out.println();
        out.println("== History (" + pod.historyFile().map(file -> TerminalText.inline(inWork(work, file)))
            .orElse("in memory") + ") ==");
        out.println();
        out.print(HistoryText.render(pod.history()));

        boolean allInstalled = report.features().stream()
            .filter(FeatureReport::enabled).allMatch(FeatureReport::installed);
        return allInstalled && arrived && !report.hasErrors() ? ExitCodes.OK : ExitCodes.PROBLEMS;
      }
    }
  }

  /** The bridged server: its command line (the script named as a person typed it) and what it said. */
  private static void printPinned(DemoBridge.Pinned pinned, Path work, PrintWriter out) {
    McpPin.Result pin = pinned.pin();
    McpServer.Stdio server = (McpServer.Stdio) pin.descriptor().server();
    List<String> shown = server.args().stream().map(arg -> relative(Path.of(arg)).toString()).toList();
    out.println("MCP server, pinned into " + inWork(work, pinned.file().path()) + " as yoi mcp pin does,"
        + " bridged as " + DemoBridge.FEATURE_ID + ":");
    out.print(TextTable.hanging("  ", "    ", TerminalText.inline(McpPin.describe(
        new McpServer.Stdio(server.command(), shown, server.workingDirectory(), server.environment())))));
    String says = pin.serverInfo() == null ? "" : "the server says it is " + pin.serverInfo().name() + " "
        + pin.serverInfo().version() + "; ";
    out.print(TextTable.hanging("  ", "    ", TerminalText.inline(says + pin.descriptor().tools().size()
        + " tools pinned")));
  }

  /** A file of the demo's working directory, named relative to it. */
  static String inWork(Path work, Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path dir = work.toAbsolutePath().normalize();
    return absolute.startsWith(dir) ? dir.relativize(absolute).toString() : file.toString();
  }

  /** A path under the current directory as a relative one, as a person typed it. */
  private static Path relative(Path path) {
    Path here = Path.of("").toAbsolutePath();
    return path.startsWith(here) ? here.relativize(path) : path;
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // A temporary directory left behind is not worth failing the demo for.
    }
  }
}
