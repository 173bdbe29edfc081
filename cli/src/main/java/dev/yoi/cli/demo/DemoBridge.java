package dev.yoi.cli.demo;

import dev.yoi.descriptor.IndexFile;
import dev.yoi.descriptor.IndexLine;
import dev.yoi.descriptor.McpServer;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.FeatureFile;
import dev.yoi.mcp.bridge.BridgeSettings;
import dev.yoi.mcp.bridge.McpBridgeException;
import dev.yoi.mcp.bridge.McpPin;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The MCP server the demo bridges: {@code @modelcontextprotocol/server-everything} from the npm
 * registry, which the build installs beside {@code yoi.jar} ({@code mcp-servers/node_modules}) at
 * the version the one pinned lock holds. The demo pins it with the code {@code yoi mcp pin} runs
 * and writes the feature file a person would keep in {@code plugins/project}; without Node or the
 * installed server it says why in one sentence, and the demo runs without it.
 */
final class DemoBridge {
  static final String SLUG = "everything";
  static final String FEATURE_ID = "project:" + SLUG;
  /** The server's entry point under the install directory. */
  static final Path SCRIPT = Path.of("node_modules", "@modelcontextprotocol", "server-everything", "dist",
      "index.js");

  private DemoBridge() {}

  /** What the demo bridges, or why it does not. */
  sealed interface Outcome permits Pinned, Skipped {}

  /**
   * The server, pinned.
   *
   * @param file the feature file written, as the Pod reads it (a project feature)
   * @param pin what {@code yoi mcp pin}'s code made of the server
   */
  record Pinned(FeatureFile file, McpPin.Result pin) implements Outcome {}

  /** Not bridged; {@code reason} says why, in one sentence (server text in it is escaped). */
  record Skipped(String reason) implements Outcome {}

  /**
   * Pins server-everything from {@code servers} into {@code work/everything.features.jsonl}. The
   * server runs once, for {@code initialize} and {@code tools/list}, and is stopped again.
   *
   * @param servers where the build installed the servers; empty when there is no "beside yoi.jar"
   */
  static Outcome pin(Optional<Path> servers, Path work) throws IOException {
    if (node().isEmpty()) {
      return new Skipped("node is not on the PATH (install Node.js 20 or later, and build again so npm"
          + " installs server-everything)");
    }
    Optional<Path> script = servers.map(dir -> dir.resolve(SCRIPT)).filter(Files::isRegularFile);
    if (script.isEmpty()) {
      return new Skipped("server-everything is not installed in " + servers.map(Path::toString).orElse("mcp-servers")
          + " (the build installs it there when node and npm are on the PATH)");
    }
    McpServer.Stdio server = new McpServer.Stdio("node", List.of(script.get().toString(), "stdio"), "", List.of());
    McpPin.Result pinned;
    try {
      pinned = McpPin.pin(new McpPin.Request(SLUG, null, null, null, server, List.of()), id -> Optional.empty(),
          BridgeSettings.defaults(), line -> {});
    } catch (McpBridgeException e) {
      return new Skipped(e.getMessage());
    }
    Path file = work.resolve(SLUG + IndexLine.FEATURE_FILE_SUFFIX);
    Files.writeString(file, IndexFile.write(List.of(pinned.line())));
    return new Pinned(new FeatureFile(file, FeatureSource.PROJECT), pinned);
  }

  /** The {@code node} executable on the PATH. */
  private static Optional<Path> node() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    boolean windows = System.getProperty("os.name", "").startsWith("Windows");
    for (String entry : path.split(File.pathSeparator)) {
      Path file = entry.isEmpty() ? null : Path.of(entry, windows ? "node.exe" : "node");
      if (file != null && Files.isRegularFile(file) && Files.isExecutable(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }
}
