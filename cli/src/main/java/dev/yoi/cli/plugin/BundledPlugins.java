package dev.yoi.cli.plugin;

import dev.yoi.cli.YoiCommand;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * What the build puts beside the command: the plugin directory ({@code plugins/project} and
 * {@code plugins/user}) and the reference MCP servers the demo bridges ({@code mcp-servers}), next
 * to {@code yoi.jar} (or, when run from the build, next to {@code target/classes}: the same
 * {@code target} directory).
 */
public final class BundledPlugins {
  private BundledPlugins() {}

  /** The {@code plugins} directory beside the command's jar, if it exists. */
  public static Optional<Path> directory() {
    return beside("plugins").filter(Files::isDirectory);
  }

  /**
   * Where the build installs the reference MCP servers with npm ({@code mcp-servers/node_modules}
   * beside the command's jar), whether or not it did.
   */
  public static Optional<Path> mcpServers() {
    return beside("mcp-servers");
  }

  private static Optional<Path> beside(String name) {
    CodeSource code = YoiCommand.class.getProtectionDomain().getCodeSource();
    if (code == null || code.getLocation() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(code.getLocation().toURI()).toAbsolutePath().getParent().resolve(name));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty(); // not a file: URL (an unusual launcher); there is no "beside"
    }
  }
}
