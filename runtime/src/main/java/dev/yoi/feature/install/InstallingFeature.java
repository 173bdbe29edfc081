package dev.yoi.feature.install;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.annotation.RestartPolicy;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.runtime.RuntimeFeature;
import dev.yoi.pod.task.BackgroundTask;
import dev.yoi.pod.tool.Tool;

/** A feature under install, as its runtime kind's installer sees it: every call goes to its staging. */
final class InstallingFeature implements RuntimeFeature {
  private final CatalogEntry entry;
  private final StagingContext staging;

  InstallingFeature(CatalogEntry entry, StagingContext staging) {
    this.entry = entry;
    this.staging = staging;
  }

  @Override
  public CatalogEntry entry() {
    return entry;
  }

  @Override
  public InstallContext context() {
    return staging;
  }

  @Override
  public void tool(String name, Tool<?> tool) {
    staging.registerTool(name, tool);
  }

  @Override
  public void supervise(String name, String description, RestartPolicy restart, BackgroundTask task) {
    staging.supervise(name, description, restart, task);
  }

  @Override
  public void closeWith(AutoCloseable resource) {
    staging.closeWith(resource);
  }

  @Override
  public void publish(Diagnostic diagnostic) {
    staging.publish(diagnostic);
  }
}
