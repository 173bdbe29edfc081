package dev.yoi.mcp.bridge;

import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.report.Diagnostics;
import dev.yoi.feature.runtime.FeatureRefusedException;
import dev.yoi.feature.runtime.RuntimeFeature;
import dev.yoi.feature.runtime.RuntimeInstaller;
import dev.yoi.feature.annotation.RestartPolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Installs {@code mcp_bridge} features into a Pod: a host registers it with
 * {@code Pod.builder().runtime(new McpBridgeInstaller())}. For each feature it starts the pinned
 * server with the granted environment, checks its tools against the pin, registers one proxy per
 * declared tool the server lists (a drifted one answers every call with an error), and leaves the
 * process to the host's supervisor; the Pod's close stops it and every process it started.
 */
public final class McpBridgeInstaller implements RuntimeInstaller {
  private final BridgeSettings settings;

  /** With {@link BridgeSettings#defaults()}. */
  public McpBridgeInstaller() {
    this(BridgeSettings.defaults());
  }

  public McpBridgeInstaller(BridgeSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public Set<RuntimeKind> kinds() {
    return Set.of(RuntimeKind.MCP_BRIDGE);
  }

  @Override
  public void install(RuntimeFeature feature) throws FeatureRefusedException {
    CatalogEntry entry = feature.entry();
    if (entry.descriptor().server() == null) {
      throw new FeatureRefusedException(DiagnosticCode.RUNTIME_UNSUPPORTED, "feature " + entry.id()
          + " has runtime mcp_bridge but names no server to bridge (" + entry.location() + "). Pin the"
          + " server with yoi mcp pin and install the feature file it writes instead.");
    }
    InstallContext context = feature.context();
    PinnedFeature pinned = new PinnedFeature(entry.id(), entry.descriptor(), file(entry.location()));
    // Only secrets the grants allow are asked for (ServerGrants); the context's handle checks again.
    SecretValues secrets = id -> context.secret(id).value();
    McpBridge bridge = new McpBridge(pinned, context.grants(), secrets, settings, feature::publish);
    feature.closeWith(bridge);
    ToolCheck check;
    try {
      check = bridge.connect();
    } catch (McpBridgeException e) {
      // The bridge's message names the feature, the command and how it failed, and says what to do.
      throw new FeatureRefusedException(DiagnosticCode.INSTALL_FAILED, e.getMessage());
    }
    // A declared tool the server no longer lists stays unregistered: the registry reports it as
    // yoi/declared-not-registered, once.
    check.diagnostics().stream()
        .filter(d -> !d.code().equals(DiagnosticCode.DECLARED_NOT_REGISTERED.code()))
        .forEach(feature::publish);
    for (ToolDescriptor tool : entry.descriptor().tools()) {
      boolean listed = check.tool(tool.name())
          .filter(status -> status.state() != ToolCheck.ToolStatus.State.MISSING).isPresent();
      if (listed) {
        feature.tool(tool.name(), bridge.tool(tool.name())); // a drifted one refuses every call
      }
    }
    bridge.launchNotes().forEach(note -> feature.publish(Diagnostics.info(DiagnosticCode.FEATURE_NOTE, entry.id(),
        "feature " + entry.id() + "'s MCP server starts without what was not granted: " + note + ".")));
    feature.supervise("server", "the MCP server process of " + entry.id(), RestartPolicy.ON_FAILURE,
        bridge.supervisor());
  }

  /** The feature file an entry was read from: the catalog names it by its {@code file:} URI. */
  private static Optional<Path> file(String location) {
    try {
      Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
      return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
