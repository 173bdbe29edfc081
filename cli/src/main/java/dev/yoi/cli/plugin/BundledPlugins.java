package dev.yoi.cli.plugin;

import dev.yoi.cli.YoiCommand;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The plugin directory shipped beside the command: {@code plugins/project} and
 * {@code plugins/user} next to {@code yoi.jar} (or, when run from the build, next to
 * {@code target/classes}: the same {@code target} directory).
 */
public final class BundledPlugins {
  private BundledPlugins() {}

  /** The {@code plugins} directory beside the command's jar, if it exists. */
  public static Optional<Path> directory() {
    CodeSource code = YoiCommand.class.getProtectionDomain().getCodeSource();
    if (code == null || code.getLocation() == null) {
      return Optional.empty();
    }
    try {
      Path plugins = Path.of(code.getLocation().toURI()).toAbsolutePath().getParent().resolve("plugins");
      return Files.isDirectory(plugins) ? Optional.of(plugins) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty(); // not a file: URL (an unusual launcher); there is no "beside"
    }
  }
}
