package dev.yoi.cli;

import dev.yoi.cli.plugin.BundledPlugins;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The MCP interop fixtures that the mcp module's build installs with npm ci
 * ({@code mcp/src/test/node}, with the official TypeScript SDK), and the same pinned packages this
 * module's build installs beside the command for {@code yoi demo}. Without them a test is skipped,
 * or fails when {@code -Dyoi.mcp.requireNode=true} (as .ci/run sets it).
 */
final class NodeFixtures {
  /** Written by the build after a successful npm ci. */
  private static final String MARKER = "node_modules/.yoi-npm-ci";

  private NodeFixtures() {}

  /** The fixtures directory, installed. */
  static Path installed() {
    String property = System.getProperty("yoi.mcp.node");
    return require(property == null ? null : Path.of(property), "system property yoi.mcp.node is not set; run the"
        + " tests through Maven", "the mcp module's build");
  }

  /**
   * The reference servers this module's build installs beside the command for {@code yoi demo}
   * ({@code target/mcp-servers}, from the same lock file), installed.
   */
  static Path demoServers() {
    return require(BundledPlugins.mcpServers().orElse(null), "the command has no directory beside it",
        "the cli module's build");
  }

  private static Path require(Path dir, String noDirectory, String installer) {
    String problem = null;
    if (dir == null) {
      problem = noDirectory;
    } else if (node().isEmpty()) {
      problem = "node is not on the PATH";
    } else if (!Files.isRegularFile(dir.resolve(MARKER))) {
      problem = "npm ci has not installed " + dir + " (" + installer + " does, when npm is on the PATH)";
    }
    if (problem != null) {
      if (Boolean.getBoolean("yoi.mcp.requireNode")) {
        throw new IllegalStateException("MCP interop fixtures missing: " + problem
            + "; -Dyoi.mcp.requireNode=true requires them");
      }
      Assumptions.abort("MCP interop fixtures missing: " + problem);
    }
    return dir;
  }

  /** The node executable on the PATH. */
  static Optional<Path> node() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    String name = System.getProperty("os.name", "").startsWith("Windows") ? "node.exe" : "node";
    for (String entry : path.split(File.pathSeparator)) {
      Path file = entry.isEmpty() ? null : Path.of(entry, name);
      if (file != null && Files.isRegularFile(file) && Files.isExecutable(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }
}
