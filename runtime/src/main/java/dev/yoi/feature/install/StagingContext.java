package dev.yoi.feature.install;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureDiagnostics;
import dev.yoi.feature.Grants;
import dev.yoi.feature.HookRegistrar;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.RequiredServiceReport;
import dev.yoi.feature.ServiceBinder;
import dev.yoi.feature.TaskRegistrar;
import dev.yoi.feature.ToolRegistrar;
import dev.yoi.feature.annotation.RestartPolicy;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.runtime.RuntimeFeature;
import dev.yoi.pod.manifest.ManifestView;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.secret.Secret;
import dev.yoi.pod.state.StateStore;
import dev.yoi.pod.task.BackgroundTask;
import dev.yoi.pod.tool.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@link InstallContext} of one feature's install: its registrars check each registration
 * against the feature's compiled declarations, its grants and everything already installed, and
 * stage it ({@link StagedTools}, {@link StagedHooks}, {@link StagedTasks}, {@link StagedServices});
 * its handles are gated by the grants ({@link AuthorityGates}); its notes go to the report
 * ({@link FeatureNotes}). A rejected registration throws and is remembered ({@link Staging}).
 * Nothing staged reaches a surface until {@link FeatureTransaction} commits.
 */
final class StagingContext implements InstallContext {
  private final CatalogEntry entry;
  private final Staging staging;
  private final Grants grants;
  private final FeatureChannels channels;
  private final AuthorityGates gates;
  private final FeatureNotes notes;
  private final StagedTools tools;
  private final StagedHooks hooks;
  private final StagedTasks tasks;
  private final StagedServices services;

  /**
   * Opens registration for {@code entry}'s feature.
   *
   * @param installed the tool names of the features installed before it
   * @param skippedTools tool name to why it is skipped (an optional authority was denied)
   * @param resolved how each of its required services resolved, provider failures included
   */
  StagingContext(
      CatalogEntry entry, GrantSet grants, HostSurfaces host, ServiceRegistry services, ToolNames installed,
      Map<String, String> skippedTools, List<RequiredServiceReport> resolved, FeatureReportBuilder report) {
    String id = entry.id();
    this.entry = entry;
    this.grants = grants;
    this.staging = new Staging(id, entry.source(), entry.descriptor(), report);
    this.gates = new AuthorityGates(id, grants, host);
    this.channels = new FeatureChannels(id, host, gates);
    this.notes = new FeatureNotes(staging, host);
    this.tools = new StagedTools(staging, grants, installed, skippedTools, entry.loader().loader());
    this.hooks = new StagedHooks(staging, channels);
    this.tasks = new StagedTasks(staging, channels);
    this.services = new StagedServices(staging, services, resolved);
  }

  @Override
  public String featureId() {
    return staging.featureId();
  }

  @Override
  public ToolRegistrar tools() {
    return tools;
  }

  @Override
  public HookRegistrar hooks() {
    return hooks;
  }

  @Override
  public TaskRegistrar backgroundTasks() {
    return tasks;
  }

  @Override
  public ServiceBinder services() {
    return services;
  }

  @Override
  public ModelNotifier notifier() {
    return channels.notifier();
  }

  @Override
  public Alerts alerts() {
    return channels.alerts();
  }

  @Override
  public FeatureDiagnostics diagnostics() {
    return notes;
  }

  @Override
  public Grants grants() {
    return grants;
  }

  @Override
  public StateStore stateStore(String name) {
    return gates.stateStore(name);
  }

  @Override
  public Secret secret(String id) {
    return gates.secret(id);
  }

  @Override
  public ManifestView manifest() {
    return gates.manifest();
  }

  /**
   * The feature as its runtime kind's installer sees it: this context, and what an installer may
   * add beyond it (tools by name, supervised tasks, resources, diagnostics), staged alike.
   */
  RuntimeFeature asRuntimeFeature() {
    return new RuntimeFeature() {
      @Override
      public CatalogEntry entry() {
        return entry;
      }

      @Override
      public InstallContext context() {
        return StagingContext.this;
      }

      @Override
      public void tool(String name, Tool<?> tool) {
        tools.register(name, tool);
      }

      @Override
      public void supervise(String name, String description, RestartPolicy restart, BackgroundTask task) {
        tasks.supervise(name, description, restart, task);
      }

      @Override
      public void closeWith(AutoCloseable resource) {
        staging.closeWith(resource);
      }

      @Override
      public void publish(Diagnostic diagnostic) {
        notes.publish(diagnostic);
      }
    };
  }

  // ---- what the transaction reads once the installer returned ----

  /** Closes registration: the installer has returned. */
  void close() {
    staging.close();
  }

  /**
   * Drops everything: held-back notifications, and what the installer asked to be closed with the
   * feature is closed. The feature's channels refuse further use.
   */
  void rollback() {
    channels.rollback();
    contributions().closeResources();
  }

  /**
   * Opens the feature's channels once the host took its contributions.
   *
   * @return what was held back and could not be delivered, with why
   */
  List<String> commitChannels() {
    return channels.commit();
  }

  List<Diagnostic> rejections() {
    return staging.rejections();
  }

  /** What the host gets on commit; the services are bound by the registry itself. */
  FeatureContributions contributions() {
    List<FeatureContributions.ServiceEntry> listed = new ArrayList<>();
    for (ServiceBinding s : services.staged()) {
      listed.add(new FeatureContributions.ServiceEntry(s.id(), s.version(), s.type(), s.privileged()));
    }
    return new FeatureContributions(staging.featureId(), tools.staged(), hooks.staged(), tasks.staged(),
        listed, staging.resources());
  }

  List<ServiceBinding> provided() {
    return services.staged();
  }

  /** What was staged, for the rollback message: {@code tool "A"}, {@code hook "B"}, ... */
  List<String> staged() {
    return Stream.of(
            tools.staged().stream().map(t -> "tool \"" + t.descriptor().name() + "\""),
            hooks.staged().stream().map(h -> "hook \"" + h.descriptor().name() + "\""),
            tasks.staged().stream().map(t -> "task \"" + t.descriptor().name() + "\""),
            services.staged().stream().map(s -> "service " + s.id()))
        .flatMap(s -> s)
        .toList();
  }
}
