package dev.yoi.pod;

import dev.yoi.descriptor.HookPoint;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.catalog.FeatureFile;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.ApprovalSettings;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.feature.install.FeatureContributions;
import dev.yoi.feature.install.FeatureRegistry;
import dev.yoi.feature.install.HostSurfaces;
import dev.yoi.feature.runtime.RuntimeInstaller;
import dev.yoi.pod.history.EntryLimit;
import dev.yoi.pod.history.History;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.hook.TurnSummary;
import dev.yoi.pod.internal.hook.HookRegistry;
import dev.yoi.pod.internal.notify.DiagnosticStream;
import dev.yoi.pod.internal.notify.FeatureAlerts;
import dev.yoi.pod.internal.notify.HistoryNotifier;
import dev.yoi.pod.internal.secret.SecretHandle;
import dev.yoi.pod.internal.state.StateStores;
import dev.yoi.pod.internal.task.TaskSupervisor;
import dev.yoi.pod.internal.tool.ToolInvoker;
import dev.yoi.pod.internal.tool.ToolRegistry;
import dev.yoi.pod.internal.turn.TurnRunner;
import dev.yoi.pod.manifest.ManifestView;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.secret.Secret;
import dev.yoi.pod.state.StateStore;
import dev.yoi.pod.task.TaskStatus;
import dev.yoi.pod.tool.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An LLM-agent host: features plug tools, hooks and background tasks into it, and a model runs in
 * a turn loop over them.
 *
 * <pre>{@code
 * try (Pod pod = Pod.builder()
 *     .features(Pod.class.getClassLoader(), FeatureSource.BUILTIN)
 *     .features(projectPluginLoader, FeatureSource.PROJECT)
 *     .manifest(Path.of("pod.json"))
 *     .history(Path.of(".yoi/history"))
 *     .build()) {
 *   InstallReport report = pod.start();
 *   ToolResult result = pod.callTool("TaskList", "{}");
 *   pod.runTurn("What is on my list?");
 * }
 * }</pre>
 *
 * <p>{@link #start()} installs every enabled feature through the feature registry, which checks
 * each registration before it reaches the Pod, then seals the tool and hook lists and starts the
 * background tasks. {@link #close()} refuses new calls, waits for the calls and turns in progress,
 * stops every task, revokes the features' state stores and closes the history. Thread-safe: tools may be called from many threads;
 * turns run one at a time.
 */
public final class Pod implements AutoCloseable {
  private enum Lifecycle { NEW, STARTING, STARTED, FAILED, CLOSED }

  private final List<FeatureLoader> loaders;
  private final List<FeatureFile> featureFiles;
  private final List<RuntimeInstaller> runtimes;
  private final PodManifest manifest;
  private final ApprovalSettings approvals;
  private final AuthorityPolicy policy; // null: the standard policy over the approval locks
  private final History history;
  private final StateStores stateStores;
  private final SecretResolver secrets;
  private final AlertSink alertSink;
  private final Consumer<? super HistoryEntry.SystemItem> modelNotifications; // null: none
  private final DiagnosticStream diagnostics;
  private final ToolRegistry tools;
  /** The services installed features provide, by id: what {@link #services()} lists. */
  private final Map<String, InstalledService> services = new ConcurrentSkipListMap<>();
  /** Each installed feature's resources to close with the Pod, in install order. */
  private final List<FeatureContributions> owning = new ArrayList<>();
  private final HookRegistry hooks;
  private final TaskSupervisor tasks;
  private final ToolInvoker invoker;
  private final TurnRunner turns;
  private final Duration closeTimeout;
  private final List<Diagnostic> openingDiagnostics;
  /** Held by start and close for their whole run, so close waits for a start in progress. */
  private final Object lifecycleLock = new Object();
  /** Guards {@link #lifecycle} changes and {@link #activeCalls}; close waits on it. */
  private final Object calls = new Object();
  private volatile Lifecycle lifecycle = Lifecycle.NEW;
  /** Threads inside callTool or runTurn, with their nesting depth (a tool may call a tool). */
  private final Map<Thread, Integer> activeCalls = new HashMap<>();
  private volatile InstallReport report;
  private final boolean checkDescriptorClasses;

  private Pod(Builder builder, PodManifest manifest, History history, StateStores stateStores,
      DiagnosticStream diagnostics) {
    this.loaders = List.copyOf(builder.loaders);
    this.featureFiles = List.copyOf(builder.featureFiles);
    this.runtimes = List.copyOf(builder.runtimes);
    this.checkDescriptorClasses = builder.checkDescriptorClasses;
    this.manifest = manifest;
    this.approvals = new ApprovalSettings(Optional.of(builder.userApprovals),
        builder.projectDirectory != null ? builder.projectDirectory
            : builder.manifestFile != null ? builder.manifestFile.toAbsolutePath().getParent()
            : Path.of("").toAbsolutePath(),
        builder.approvals != null ? Optional.of(builder.approvals) : manifest.approvals(),
        builder.trustProjectLock, builder.pinCode);
    this.policy = builder.policy;
    this.history = history;
    this.stateStores = stateStores;
    this.tools = new ToolRegistry(builder.entryLimit);
    this.secrets = builder.secrets;
    this.alertSink = builder.alerts;
    this.modelNotifications = builder.modelNotifications;
    this.diagnostics = diagnostics;
    this.hooks = new HookRegistry(diagnostics::publish);
    this.tasks = new TaskSupervisor(builder.backoff, diagnostics::publish, builder.taskEvents);
    this.invoker = new ToolInvoker(tools, hooks, history, this::alertsOf, diagnostics::publish);
    LlmClient model = builder.model != null ? builder.model : new ScriptedLlmClient();
    this.turns = new TurnRunner(model, hooks, tools, invoker, history, diagnostics::publish,
        builder.maxRounds);
    this.closeTimeout = builder.closeTimeout;
    this.openingDiagnostics = history.recoveryDiagnostics();
    openingDiagnostics.forEach(diagnostics::publish);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Installs every enabled feature, seals the tool and hook lists, and starts background tasks.
   * A feature's fault never throws here: it is in the report, and the other features install.
   *
   * @return per feature, what happened; {@link InstallReport#diagnostics()} also holds what the
   *     Pod itself found while opening (a repaired history)
   * @throws IllegalStateException if already started or closed
   * @throws RuntimeException or {@link Error} only for a host bug (e.g. a host-supplied
   *     {@link AuthorityPolicy} that throws an Error); the Pod is then failed: calls are refused
   *     saying so, and {@link #close()} still releases everything
   */
  public InstallReport start() {
    synchronized (lifecycleLock) {
      synchronized (calls) {
        if (lifecycle != Lifecycle.NEW) {
          throw new IllegalStateException(switch (lifecycle) {
            case CLOSED -> "the Pod was already closed; build a new Pod";
            case FAILED -> "start() already ran and failed; close this Pod and build a new one";
            default -> "the Pod was already started; start() runs once";
          });
        }
        // Calls are refused until STARTED, so none sees a half-installed Pod.
        lifecycle = Lifecycle.STARTING;
      }
      boolean started = false;
      try {
        AuthorityPolicy authorities = policy != null ? policy : AuthorityPolicy.standard(approvals);
        InstallReport installed = FeatureRegistry.install(
            loaders, featureFiles, manifest.enablement(), authorities, new Surfaces(), runtimes,
            checkDescriptorClasses);
        tools.seal();
        hooks.seal();
        tasks.start();
        tools.prepareAhead(); // schemas compiled before the first call, off the caller's thread
        List<Diagnostic> podDiagnostics = new ArrayList<>(openingDiagnostics);
        podDiagnostics.addAll(installed.diagnostics());
        report = new InstallReport(installed.features(), installed.installOrder(), podDiagnostics);
        started = true;
        return report;
      } finally {
        // Never left STARTING: a start that threw (a host bug) leaves a Pod that says so, and closes.
        synchronized (calls) {
          lifecycle = started ? Lifecycle.STARTED : Lifecycle.FAILED;
        }
      }
    }
  }

  /**
   * Runs one tool call through the whole tool path (hooks, schema, the tool, history). An unknown
   * tool, a denied call, a bad input or a failing tool is an error result, never an exception.
   *
   * @param inputJson the input as JSON text; blank means {@code {}}. An input over the entry
   *     limit ({@link Builder#maxEntryBytes}) is an error result; the tool does not run
   * @throws IllegalStateException before {@link #start()} or once {@link #close()} began (an MCP
   *     server answers it as an error result)
   */
  public ToolResult callTool(String name, String inputJson) {
    enter("callTool");
    try {
      return invoker.call(name, inputJson);
    } finally {
      exit();
    }
  }

  /**
   * Runs one model turn: pre-request hooks, the model, its tool calls, again until it answers
   * without tool calls (or the round bound), then turn-end hooks.
   *
   * @return what happened in the turn
   * @throws IllegalStateException before {@link #start()} or once {@link #close()} began; and for
   *     a turn still running when close() closed the history (after the close timeout): the turn
   *     then stops before its next model request
   * @throws IllegalArgumentException if {@code userMessage} is over the entry limit (nothing is
   *     recorded and the model is not asked)
   */
  public TurnSummary runTurn(String userMessage) {
    enter("runTurn");
    try {
      return turns.run(userMessage);
    } finally {
      exit();
    }
  }

  /** Every history entry, oldest first: an immutable snapshot. */
  public List<HistoryEntry> history() {
    return history.entries();
  }

  /** The tools the model is offered, sorted by name. */
  public List<ToolDefinition> toolDefinitions() {
    return tools.definitions();
  }

  /**
   * A tool as the Pod offers it to a model or an MCP client.
   *
   * @param name the model-visible name
   * @param description what the model reads
   * @param inputSchemaJson the build-time JSON Schema of its input, as JSON text
   * @param featureId the feature that contributed it, e.g. {@code builtin:task-tools}
   */
  public record OfferedTool(String name, String description, String inputSchemaJson, String featureId) {}

  /** The tools the model is offered, sorted by name, with their schemas as JSON text. */
  public List<OfferedTool> offeredTools() {
    return tools.definitions().stream()
        .map(d -> new OfferedTool(d.name(), d.description(), d.inputSchema().toString(), d.featureId()))
        .toList();
  }

  /** The hooks at {@code point}, in the order they run. */
  public List<InstalledHook> hooks(HookPoint point) {
    return hooks.hooks(point).stream()
        .map(h -> new InstalledHook(h.featureId(), h.name(), h.point(), h.order()))
        .toList();
  }

  /** The services installed features provide, sorted by id. */
  public List<InstalledService> services() {
    return List.copyOf(services.values());
  }

  /** Every background task's status, sorted by feature id then task name. */
  public List<TaskStatus> tasks() {
    return tasks.statuses();
  }

  /** The manifest in force (empty if none was given). */
  public PodManifest manifest() {
    return manifest;
  }

  /** The report of {@link #start()}, once it ran. */
  public Optional<InstallReport> report() {
    return Optional.ofNullable(report);
  }

  /** The history file, or empty for an in-memory history. */
  public Optional<Path> historyFile() {
    return history.file();
  }

  /**
   * Delivers every diagnostic published from now on (install, hooks, tools, tasks, model) to
   * {@code subscriber}, as soon as it is known. To see install diagnostics too, subscribe before
   * {@link #start()} or use {@link Builder#diagnostics}.
   */
  public Subscription subscribe(Consumer<? super Diagnostic> subscriber) {
    return diagnostics.subscribe(subscriber)::close;
  }

  /** The most recent diagnostics published, oldest first (up to {@link DiagnosticStream#RETAINED}). */
  public List<Diagnostic> diagnostics() {
    return diagnostics.recent();
  }

  /**
   * Refuses new calls and turns, waits up to the close timeout for those in progress (so each gets
   * its result recorded), stops every background task (cancel, interrupt, wait up to the close
   * timeout; a task that ignores both is abandoned and reported as {@code yoi/task-abandoned}),
   * revokes the state stores (an abandoned task's later write throws) and closes the history and
   * the data directory. A call still running after the timeout finds the history closed: it gets
   * an error result ({@code yoi/history-write-failed}), and the next open answers it; a turn still
   * running stops before its next model request ({@link #runTurn} throws). Waits for a
   * {@link #start()} in progress. Idempotent; a call may close its own Pod (it does not wait for
   * itself).
   */
  @Override
  public void close() {
    synchronized (lifecycleLock) {
      synchronized (calls) {
        if (lifecycle == Lifecycle.CLOSED) {
          return;
        }
        lifecycle = Lifecycle.CLOSED;
        awaitCalls();
      }
      tools.stopPreparing();
      try {
        tasks.close(closeTimeout);
        closeResources();
      } finally {
        try {
          stateStores.close(); // a task that outlived the timeout can no longer write
        } finally {
          history.close();
        }
      }
    }
  }

  /** Counts the calling thread in, or throws if the Pod is not started. */
  private void enter(String what) {
    synchronized (calls) {
      Lifecycle now = lifecycle;
      if (now != Lifecycle.STARTED) {
        throw new IllegalStateException(what + " needs a started Pod, but " + switch (now) {
          case CLOSED -> "it is closed";
          case FAILED -> "its start() failed (see what it threw); close it and build a new Pod";
          default -> "it is not started yet; call start() first";
        });
      }
      activeCalls.merge(Thread.currentThread(), 1, Integer::sum);
    }
  }

  private void exit() {
    synchronized (calls) {
      activeCalls.computeIfPresent(Thread.currentThread(), (thread, depth) -> depth == 1 ? null : depth - 1);
      calls.notifyAll();
    }
  }

  /** Waits, holding {@link #calls}, until no other thread is inside a call, or the close timeout. */
  private void awaitCalls() {
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    Thread self = Thread.currentThread();
    while (activeCalls.keySet().stream().anyMatch(t -> t != self)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(calls, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** What features' installers asked to be closed with the Pod: the last installed first. */
  private void closeResources() {
    List<FeatureContributions> installed;
    synchronized (owning) {
      installed = new ArrayList<>(owning);
      owning.clear();
    }
    for (int i = installed.size() - 1; i >= 0; i--) {
      installed.get(i).closeResources();
    }
  }

  private Alerts alertsOf(String featureId) {
    return new FeatureAlerts(featureId, alertSink);
  }

  /** What the feature registry installs into. It checks everything first; the Pod only stores. */
  private final class Surfaces implements HostSurfaces {
    @Override
    public ModelNotifier notifier(String featureId) {
      ModelNotifier recorded = new HistoryNotifier(featureId, history);
      Consumer<? super HistoryEntry.SystemItem> listener = modelNotifications;
      if (listener == null) {
        return recorded;
      }
      return text -> {
        recorded.notifyModel(text); // in the history first: the listener hears only what is recorded
        try {
          listener.accept(new HistoryEntry.SystemItem(featureId, text));
        } catch (RuntimeException e) {
          // The host's listener failed; the feature's notification is recorded all the same.
        }
      };
    }

    @Override
    public Alerts alerts(String featureId) {
      return alertsOf(featureId);
    }

    @Override
    public StateStore stateStore(String featureId, String name) {
      return stateStores.store(featureId, name);
    }

    @Override
    public Secret secret(String featureId, String id) {
      return new SecretHandle(id, secrets);
    }

    @Override
    public ManifestView manifest() {
      return manifest;
    }

    @Override
    public void publish(Diagnostic diagnostic) {
      diagnostics.publish(diagnostic);
    }

    @Override
    public void commit(FeatureContributions contributions) {
      // Compile the tools first, so a failure leaves nothing of the feature behind.
      ToolRegistry.Staged staged = tools.stage(contributions);
      hooks.commit(contributions);
      staged.commit();
      tasks.commit(contributions);
      if (!contributions.resources().isEmpty()) {
        synchronized (owning) {
          owning.add(contributions);
        }
      }
      for (FeatureContributions.ServiceEntry service : contributions.services()) {
        services.put(service.id(), new InstalledService(service.id(), service.version(), service.type(),
            service.privileged(), contributions.featureId()));
      }
    }
  }

  /** Builds a {@link Pod}; every part is optional. */
  public static final class Builder {
    private final List<FeatureLoader> loaders = new ArrayList<>();
    private final List<FeatureFile> featureFiles = new ArrayList<>();
    private Path manifestFile;
    private PodManifest manifest;
    private Path approvals;
    private Path userApprovals = ApprovalSettings.defaultUserLock();
    private Path projectDirectory;
    private boolean trustProjectLock;
    private boolean pinCode;
    private boolean checkDescriptorClasses;
    private Path historyDirectory;
    private Path dataDirectory;
    private LlmClient model;
    private SecretResolver secrets = SecretResolver.environment();
    private AlertSink alerts = AlertSink.discard();
    private Consumer<? super HistoryEntry.SystemItem> modelNotifications;
    private final List<Consumer<? super Diagnostic>> subscribers = new ArrayList<>();
    private Consumer<TaskStatus> taskEvents = status -> {};
    private Backoff backoff = Backoff.standard();
    private Duration closeTimeout = Duration.ofSeconds(5);
    private int maxRounds = TurnRunner.DEFAULT_MAX_ROUNDS;
    private AuthorityPolicy policy;
    private EntryLimit entryLimit = EntryLimit.standard();
    private final List<RuntimeInstaller> runtimes = new ArrayList<>();

    private Builder() {}

    /**
     * Adds the features indexed in {@code loader}'s own {@code META-INF/yoi/features.jsonl}, with
     * {@code source} deciding their ids and defaults. Call once per loader.
     */
    public Builder features(ClassLoader loader, FeatureSource source) {
      loaders.add(new FeatureLoader(loader, source));
      return this;
    }

    /**
     * Adds the features of a feature file ({@code plugins/project/<slug>.features.jsonl}): features
     * with no code, such as an {@code mcp_bridge} feature and its server, with {@code source}
     * deciding their ids and defaults as for a jar found in that directory. Their kind still needs
     * an installer ({@link #runtime}). Call once per file.
     */
    public Builder featureFile(Path file, FeatureSource source) {
      featureFiles.add(new FeatureFile(file, source));
      return this;
    }

    /** The Pod manifest file (JSON; see {@link PodManifest}). Absent: builtins only, every tool allowed. */
    public Builder manifest(Path file) {
      this.manifestFile = Objects.requireNonNull(file, "file");
      this.manifest = null;
      return this;
    }

    /** A manifest already in hand, e.g. built by a host that keeps its settings elsewhere. */
    public Builder manifest(PodManifest manifest) {
      this.manifest = Objects.requireNonNull(manifest, "manifest");
      this.manifestFile = null;
      return this;
    }

    /**
     * The project's approval lock; wins over the manifest's {@code approvals}. It comes with the
     * project, so whoever can change the project can write it: it is read, but approves no plugin
     * unless {@link #trustProjectLock(boolean)} says so. A person's approvals are in
     * {@link #userApprovals(Path)}.
     */
    public Builder approvals(Path lockFile) {
      this.approvals = Objects.requireNonNull(lockFile, "lockFile");
      return this;
    }

    /**
     * The person's own approval lock, where {@code yoi approve} writes: user features by id,
     * project features under the project's canonical path ({@link #projectDirectory}). Absent:
     * {@code ~/.yoi/approvals.json}.
     */
    public Builder userApprovals(Path lockFile) {
      this.userApprovals = Objects.requireNonNull(lockFile, "lockFile");
      return this;
    }

    /**
     * The project this Pod runs for: its canonical path is the key of its features' approvals in
     * the user lock. Absent: the manifest file's directory, else the working directory.
     */
    public Builder projectDirectory(Path directory) {
      this.projectDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Whether the project's lock ({@link #approvals}, the manifest's {@code approvals}) may approve
     * plugins, as the user lock does. Absent: false, so a repository that ships a lock approving
     * its own plugins approves nothing (they report {@code yoi/approval-required}). Set it only
     * where the project's lock is as trusted as the host: CI on a reviewed commit, or a lock the
     * host wrote itself.
     */
    public Builder trustProjectLock(boolean trust) {
      this.trustProjectLock = trust;
      return this;
    }

    /**
     * Whether an approval also pins the plugin's code: the SHA-256 of its jar or class directory
     * that {@code yoi approve} records. A plugin whose code changed while its declarations did not
     * is then {@code yoi/code-changed} and not installed until approved again. Absent: false; an
     * approval pins the declarations (tools, schemas, hooks, tasks, services, authorities) only.
     */
    public Builder pinCode(boolean pin) {
      this.pinCode = pin;
      return this;
    }

    /**
     * Whether each JVM feature is constructed through the descriptor class the processor generated
     * for it, loaded after its class file's {@code DIGEST}, the digest it recomputes and the index
     * line's digest are found to agree ({@code yoi/digest-mismatch} otherwise: the index and the
     * classes come from different builds). Absent: false; the Pod constructs each feature through
     * its own public no-argument constructor and loads no descriptor class (one class and one
     * SHA-256 fewer per feature), and checks the line, which approvals key on and every
     * registration is checked against; {@code yoi verify} and {@code yoi approve} check the classes.
     */
    public Builder checkDescriptorClasses(boolean check) {
      this.checkDescriptorClasses = check;
      return this;
    }

    /**
     * The directory of the durable history ({@code history.jsonl}); without a
     * {@link #dataDirectory}, also where state stores live ({@code <dir>/state/..}). Absent:
     * history in memory.
     */
    public Builder history(Path directory) {
      this.historyDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Where features' state stores live ({@code <dir>/state/..}). Absent: the {@link #history}
     * directory, or, without one either, stores in memory. One Pod at a time holds a data
     * directory (a lock on {@code <dir>/state.lock}, taken by {@link #build()}, released by
     * {@link Pod#close()}, which also revokes every store it handed out).
     */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The model. Absent: a {@link ScriptedLlmClient} with an empty script. */
    public Builder model(LlmClient model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /** How secrets are looked up. Absent: {@link SecretResolver#environment()}. */
    public Builder secrets(SecretResolver resolver) {
      this.secrets = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** Where features' alerts go. Absent: dropped. */
    public Builder alerts(AlertSink sink) {
      this.alerts = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * Told every model notification a feature makes (as the system item it adds to the history),
     * after it is recorded, on the notifying thread; for a host that relays them, such as an MCP
     * server. What the listener throws is dropped. Absent: the history alone holds them.
     */
    public Builder modelNotifications(Consumer<? super HistoryEntry.SystemItem> listener) {
      this.modelNotifications = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Subscribes to the diagnostics stream from the first diagnostic on (history repair, install). */
    public Builder diagnostics(Consumer<? super Diagnostic> subscriber) {
      subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
      return this;
    }

    /** Told every background task state change, on the task's thread. */
    public Builder taskEvents(Consumer<TaskStatus> listener) {
      this.taskEvents = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The restart backoff of background tasks. Absent: {@link Backoff#standard()}. */
    public Builder taskBackoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * How long {@link Pod#close()} waits for calls in progress to finish, and then for tasks to
     * stop. Absent: 5 seconds.
     */
    public Builder closeTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("close timeout must not be negative, was " + timeout);
      }
      this.closeTimeout = timeout;
      return this;
    }

    /** The most model requests per turn. Absent: {@link TurnRunner#DEFAULT_MAX_ROUNDS}. */
    public Builder maxRoundsPerTurn(int rounds) {
      if (rounds < 1) {
        throw new IllegalArgumentException("a turn needs at least 1 model request, was " + rounds);
      }
      this.maxRounds = rounds;
      return this;
    }

    /**
     * The largest entry the Pod writes, in UTF-8 bytes: a history entry, a tool's input, a tool's
     * result, a state-store key with its value. A larger tool input is refused before the tool
     * runs, a larger tool result becomes an error result saying so, a larger state-store write or
     * model notification throws to the feature; nothing over the limit is ever written, and the
     * history and stores are read with a reader that accepts everything the limit lets through.
     * Absent: {@link EntryLimit#DEFAULT_MAX_BYTES} (8 MiB); at most {@link EntryLimit#CEILING}.
     */
    public Builder maxEntryBytes(int bytes) {
      this.entryLimit = new EntryLimit(bytes);
      return this;
    }

    /**
     * Replaces the standard authority policy (builtins get what they request, plugins what a
     * trusted lock records); the approval settings above are then not used.
     */
    public Builder authorityPolicy(AuthorityPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Installs the features of the runtime kinds {@code installer} claims (an MCP bridge, say),
     * through the same checked transaction as JVM features. The Pod runs {@code builtin} and
     * {@code jvm_plugin} features itself; a feature of a kind no installer claims is refused with
     * {@code yoi/runtime-unsupported}. Call once per installer; two installers of one kind are a
     * host bug that {@link #start()} throws ({@code IllegalArgumentException}).
     */
    public Builder runtime(RuntimeInstaller installer) {
      runtimes.add(Objects.requireNonNull(installer, "installer"));
      return this;
    }

    /**
     * Reads the manifest and opens the history (repairing a torn tail); installs nothing yet.
     *
     * @throws dev.yoi.pod.ManifestException if the manifest cannot be used
     * @throws IllegalStateException if the history or the data directory is open in another Pod,
     *     or the history is damaged before its last line or has a whole line it cannot read
     * @throws java.io.UncheckedIOException if the history cannot be read or created
     */
    public Pod build() {
      PodManifest inForce = manifest != null ? manifest
          : manifestFile != null ? PodManifest.read(manifestFile)
          : PodManifest.empty();
      DiagnosticStream stream = new DiagnosticStream();
      subscribers.forEach(stream::subscribe);
      History history = historyDirectory == null
          ? History.inMemory(entryLimit) : History.open(historyDirectory, entryLimit);
      StateStores stores = null;
      try {
        // A Pod given only a history directory is durable: its state stores live beside the history.
        Path data = dataDirectory != null ? dataDirectory : historyDirectory;
        stores = data == null ? StateStores.inMemory(entryLimit) : StateStores.under(data, entryLimit);
        return new Pod(this, inForce, history, stores, stream);
      } catch (RuntimeException | Error e) {
        if (stores != null) {
          stores.close();
        }
        history.close();
        throw e;
      }
    }
  }
}
