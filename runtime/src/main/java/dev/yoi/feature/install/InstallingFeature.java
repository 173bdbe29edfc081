package dev.yoi.feature.install;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.annotation.RestartPolicy;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.runtime.RuntimeFeature;
import dev.yoi.pod.task.BackgroundTask;
import dev.yoi.pod.tool.Tool;

/** A feature under install, as its runtime kind's installer sees it: every call goes to its context. */
final class InstallingFeature implements RuntimeFeature {
  private final CatalogEntry entry;
  private final StagingContext context;

  InstallingFeature(CatalogEntry entry, StagingContext context) {
    this.entry = entry;
    this.context = context;
  }

  @Override
  public CatalogEntry entry() {
    return entry;
  }

  @Override
  public InstallContext context() {
    return context;
  }

  @Override
  public void tool(String name, Tool<?> tool) {
    context.stagedTools().register(name, tool);
  }

  @Override
  public void supervise(String name, String description, RestartPolicy restart, BackgroundTask task) {
    context.stagedTasks().supervise(name, description, restart, task);
  }

  @Override
  public void closeWith(AutoCloseable resource) {
    context.staging().closeWith(resource);
  }

  @Override
  public void publish(Diagnostic diagnostic) {
    context.notes().publish(diagnostic);
  }
}
