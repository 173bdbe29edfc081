package dev.yoi.mcp.bridge;

import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.IndexLine;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code mcp_bridge} feature as the catalog holds it.
 *
 * @param featureId its full id, e.g. {@code project:everything}
 * @param descriptor the pinned, approved descriptor
 * @param file the feature file it was read from, when it came from one (for the re-pin command
 *     messages show)
 */
public record PinnedFeature(String featureId, FeatureDescriptor descriptor, Optional<Path> file) {
  public PinnedFeature {
    Objects.requireNonNull(featureId, "featureId");
    Objects.requireNonNull(descriptor, "descriptor");
    if (descriptor.server() == null) {
      throw new IllegalArgumentException("feature " + featureId + " names no MCP server");
    }
    file = file == null ? Optional.empty() : file;
  }

  /** The command that pins the server again from the feature file, as messages show it. */
  public String repinCommand() {
    String out = file.map(Path::toString).orElse(descriptor.slug() + IndexLine.FEATURE_FILE_SUFFIX);
    return "yoi mcp pin --out " + McpPin.quote(out) + " --update";
  }

  /** The server as a person reads it: the command line, or the URL; escaped. */
  public String server() {
    return McpPin.describe(descriptor.server());
  }
}
