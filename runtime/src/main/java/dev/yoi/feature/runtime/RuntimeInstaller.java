package dev.yoi.feature.runtime;

import dev.yoi.descriptor.RuntimeKind;
import java.util.Set;

/**
 * Installs the features of one or more runtime kinds: the per-kind step of the registry's install
 * transaction. The registry chooses the installer by the descriptor's {@code runtime}, hands it the
 * feature, and does everything else the same for every kind: catalog, enablement, grants, service
 * order before; the checks of every registration against the compiled declarations while it runs;
 * commit to the host, or roll back, after. A kind no installer claims is listed, reported and
 * refused with {@code yoi/runtime-unsupported}.
 *
 * <p>The registry installs {@code builtin} and {@code jvm_plugin} features itself; a host adds an
 * installer for another kind with {@code Pod.builder().runtime(installer)}:
 *
 * <pre>{@code
 * final class McpBridgeInstaller implements RuntimeInstaller {
 *   public Set<RuntimeKind> kinds() {
 *     return Set.of(RuntimeKind.MCP_BRIDGE);
 *   }
 *
 *   public void install(RuntimeFeature feature) throws Exception {
 *     McpBridge bridge = ...;                       // from feature.entry().descriptor() and its grants
 *     feature.closeWith(bridge);                    // stopped on rollback and when the host closes
 *     bridge.connect().diagnostics().forEach(feature::publish);
 *     for (ToolDescriptor tool : feature.entry().descriptor().tools()) {
 *       feature.tool(tool.name(), bridge.tool(tool.name()));  // checked like any registration
 *     }
 *     feature.supervise("server", "the MCP server process", RestartPolicy.ON_FAILURE, bridge.task());
 *   }
 * }
 * }</pre>
 */
public interface RuntimeInstaller {
  /** The runtime kinds this installer installs; no two installers of one host share a kind. */
  Set<RuntimeKind> kinds();

  /**
   * Installs one feature by registering its contributions through {@code feature}. Returning
   * normally commits what was registered, unless a registration was rejected; throwing rolls it
   * all back and fails the feature: a {@link FeatureRefusedException} with the diagnostic that says
   * why, anything else as {@code yoi/install-failed} naming what was thrown. An installer that runs
   * code of the feature's own must not let that code's throw pass for its own refusal (the
   * registry's JVM installer marks whatever a feature's {@code install} throws as the feature's).
   */
  void install(RuntimeFeature feature) throws Exception;
}
