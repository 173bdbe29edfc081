package dev.yoi.mcp.bridge;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.McpServer;
import dev.yoi.feature.Grants;
import dev.yoi.feature.annotation.AuthorityKind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The servers the tests bridge, and the grants and settings they run under. */
final class Fixtures {
  static final Path NODE_MODULES = Path.of("src", "test", "node", "node_modules").toAbsolutePath();

  private Fixtures() {}

  /** A call timeout that a healthy server meets easily; the timeout test sets its own. */
  static BridgeSettings settings() {
    return BridgeSettings.defaults().withCallTimeout(Duration.ofSeconds(30));
  }

  static SecretValues noSecrets() {
    return id -> Optional.empty();
  }

  // ---- the Java drift server ---------------------------------------------------------------------

  static DriftServer.ToolFile tool(String name, String description, String... properties) {
    Map<String, Object> props = new java.util.LinkedHashMap<>();
    for (String property : properties) {
      props.put(property, Map.of("type", "string"));
    }
    return new DriftServer.ToolFile(name, description, Map.of("type", "object", "properties", props));
  }

  static Path toolFile(Path dir, String name, DriftServer.ToolFile... tools) throws IOException {
    Path file = dir.resolve(name + ".json");
    Files.writeString(file, new ObjectMapper().writeValueAsString(List.of(tools)));
    return file;
  }

  /** The drift server run by this JVM's java, with the test class path, serving {@code files}. */
  static McpServer.Stdio driftServer(List<String> flags, Path... files) {
    List<String> args = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), DriftServer.class.getName()));
    args.addAll(flags);
    for (Path file : files) {
      args.add(file.toString());
    }
    return new McpServer.Stdio(java(), args, "", List.of());
  }

  static McpServer.Stdio driftServer(Path... files) {
    return driftServer(List.of(), files);
  }

  private static String java() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  // ---- the npm reference servers -----------------------------------------------------------------

  /**
   * Skips the test when the pinned npm servers are not installed (run {@code npm ci} in
   * {@code mcp/src/test/node}) or node is not on the PATH; fails it instead under
   * {@code -Dyoi.mcp.requireNode=true}, where skipping would hide a broken build.
   */
  static void assumeNode() {
    String why = null;
    if (!Files.isDirectory(NODE_MODULES.resolve("@modelcontextprotocol"))) {
      why = NODE_MODULES + " is missing: run npm ci in mcp/src/test/node";
    } else if (onPath("node").isEmpty()) {
      why = "node is not on the PATH";
    }
    if (why != null && Boolean.getBoolean("yoi.mcp.requireNode")) {
      fail("yoi.mcp.requireNode=true, but " + why);
    }
    assumeTrue(why == null, why);
  }

  static McpServer.Stdio everything(List<dev.yoi.descriptor.EnvVariable> environment) {
    return new McpServer.Stdio("node", List.of(script("server-everything").toString(), "stdio"), "", environment);
  }

  static McpServer.Stdio filesystem() {
    return new McpServer.Stdio("node", List.of(script("server-filesystem").toString()), "", List.of());
  }

  private static Path script(String pkg) {
    return NODE_MODULES.resolve("@modelcontextprotocol").resolve(pkg).resolve("dist").resolve("index.js");
  }

  static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  // ---- grants ------------------------------------------------------------------------------------

  static AuthorityRequest authority(AuthorityKind kind, String scope, boolean optional) {
    return new AuthorityRequest(kind, scope, optional, "because the tests need " + kind);
  }

  /** Grants exactly {@code labels} ({@code KIND} or {@code KIND:scope}). */
  static Grants granting(String... labels) {
    Set<String> granted = new TreeSet<>(List.of(labels));
    return new Grants() {
      @Override
      public boolean has(AuthorityKind kind, String scope) {
        return granted.contains(scope.isEmpty() ? kind.name() : kind + ":" + scope);
      }

      @Override
      public boolean hasAny(AuthorityKind kind) {
        return granted.stream().anyMatch(l -> l.equals(kind.name()) || l.startsWith(kind + ":"));
      }

      @Override
      public Set<String> granted() {
        return granted;
      }

      @Override
      public Set<String> denied() {
        return Set.of();
      }
    };
  }
}
