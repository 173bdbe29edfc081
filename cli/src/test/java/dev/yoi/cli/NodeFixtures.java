package dev.yoi.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The MCP interop fixtures that the mcp module's build installs with npm ci
 * ({@code mcp/src/test/node}, with the official TypeScript SDK). Without them a test is skipped,
 * or fails when {@code -Dyoi.mcp.requireNode=true} (as .ci/run sets it).
 */
final class NodeFixtures {
  /** Written by the mcp module's build after a successful npm ci. */
  private static final String MARKER = "node_modules/.yoi-npm-ci";

  private NodeFixtures() {}

  /** The fixtures directory, installed. */
  static Path installed() {
    String property = System.getProperty("yoi.mcp.node");
    String problem = null;
    if (property == null) {
      problem = "system property yoi.mcp.node is not set; run the tests through Maven";
    } else if (node().isEmpty()) {
      problem = "node is not on the PATH";
    } else if (!Files.isRegularFile(Path.of(property).resolve(MARKER))) {
      problem = "npm ci has not installed " + property + " (the mcp module's build does, when npm is on the PATH)";
    }
    if (problem != null) {
      if (Boolean.getBoolean("yoi.mcp.requireNode")) {
        throw new IllegalStateException("MCP interop fixtures missing: " + problem
            + "; -Dyoi.mcp.requireNode=true requires them");
      }
      Assumptions.abort("MCP interop fixtures missing: " + problem);
    }
    return Path.of(property);
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
