package dev.yoi.feature.runtime;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.annotation.RestartPolicy;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.pod.task.BackgroundTask;
import dev.yoi.pod.tool.Tool;

/**
 * One feature being installed, as the {@link RuntimeInstaller} of its kind sees it. Everything
 * registered here is checked against the feature's descriptor and grants and staged; nothing
 * reaches the host until the install commits, and a rolled-back install leaves nothing behind.
 * Registration closes when {@link RuntimeInstaller#install} returns.
 */
public interface RuntimeFeature {
  /**
   * The feature as its index describes it: full id, source, descriptor (its tools, authorities,
   * ...), digest, and the class loader it came from.
   */
  CatalogEntry entry();

  /**
   * The feature's {@link InstallContext}: its registrars check each registration against the
   * declarations and grants; its handles (state stores, secrets, the notifier, the manifest) are
   * gated by the grants, and {@code grants()} says what was granted. A JVM feature's
   * {@code install} method is given exactly this context.
   */
  InstallContext context();

  /**
   * Registers {@code tool} as the implementation of the tool the descriptor declares as
   * {@code name}: for a tool with no class of its own, such as a proxy to an MCP server. Checked
   * as {@code context().tools().register} is (declared, registered once, its name free across the
   * host, the authorities it requires granted), by name instead of by class.
   *
   * @throws dev.yoi.feature.RegistrationRejectedException if a check fails; the feature fails
   *     even if the installer catches it
   */
  void tool(String name, Tool<?> tool);

  /**
   * A background task the host supervises for this feature's runtime, such as the process of an
   * MCP server. It is not a declared contribution (the report does not list it), but it is
   * staged like one: started with the other tasks once every feature is installed, restarted by
   * {@code restart} with the host's backoff, cancelled when the host closes, and dropped if the
   * install rolls back.
   *
   * @param name unique among the feature's tasks, {@code ^[A-Za-z0-9_-]{1,64}$}
   * @throws dev.yoi.feature.RegistrationRejectedException if the feature already has a task of
   *     that name, or the name is not a task name
   */
  void supervise(String name, String description, RestartPolicy restart, BackgroundTask task);

  /**
   * Closes {@code resource} if this install rolls back, or else when the host closes (after its
   * tasks have stopped): for what the installer started before the commit, such as a server
   * process it connected to.
   */
  void closeWith(AutoCloseable resource);

  /**
   * Publishes a diagnostic about this feature (built with {@code Diagnostics}): while the install
   * runs it goes into the feature's report and the live stream; after, to the live stream only.
   *
   * @throws IllegalArgumentException if {@code diagnostic} is about another feature
   */
  void publish(Diagnostic diagnostic);
}
