package dev.yoi.feature.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.HookDescriptor;
import dev.yoi.descriptor.HookPoint;
import dev.yoi.descriptor.Names;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.RequiredService;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.AuthorityDeniedException;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureDiagnostics;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.Grants;
import dev.yoi.feature.HookRegistrar;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.RegistrationRejectedException;
import dev.yoi.feature.ServiceBinder;
import dev.yoi.feature.Severity;
import dev.yoi.feature.TaskRegistrar;
import dev.yoi.feature.ToolRegistrar;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.RestartPolicy;
import dev.yoi.feature.install.FeatureContributions.HookEntry;
import dev.yoi.feature.install.FeatureContributions.TaskEntry;
import dev.yoi.feature.install.FeatureContributions.ToolEntry;
import dev.yoi.feature.report.Diagnostics;
import dev.yoi.pod.hook.PreRequestHook;
import dev.yoi.pod.hook.PreToolCallHook;
import dev.yoi.pod.hook.ToolResultHook;
import dev.yoi.pod.hook.TurnEndHook;
import dev.yoi.pod.manifest.ManifestView;
import dev.yoi.pod.notify.Alerts;
import dev.yoi.pod.notify.ModelNotifier;
import dev.yoi.pod.secret.Secret;
import dev.yoi.pod.state.StateStore;
import dev.yoi.pod.task.BackgroundTask;
import dev.yoi.pod.tool.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The {@link InstallContext} of one feature's install: every registration is checked against the
 * feature's compiled declarations, its grants and everything already installed, then staged. A
 * rejected registration throws and is remembered, so the feature fails even if {@code install}
 * catches the exception. Nothing staged reaches a surface until {@link FeatureTransaction} commits.
 */
final class StagingContext implements InstallContext {
  private final String featureId;
  private final FeatureSource source;
  private final FeatureDescriptor descriptor;
  private final Grants grants;
  private final ClassLoader loader;
  private final HostSurfaces host;
  private final ServiceRegistry services;
  private final ToolNames toolNames;
  private final Map<String, String> skippedTools;
  private final FeatureChannels channels;
  private final FeatureReportBuilder report;

  private final Map<String, ToolEntry> tools = new LinkedHashMap<>();
  private final Set<String> skippedRegistered = new LinkedHashSet<>();
  private final Map<String, HookEntry> hooks = new LinkedHashMap<>();
  private final Map<String, TaskEntry> tasks = new LinkedHashMap<>();
  private final Map<String, ServiceBinding> provided = new LinkedHashMap<>();
  private final List<Diagnostic> rejections = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private boolean open = true;

  private final ToolRegistrar toolRegistrar = this::registerTool;
  private final TaskRegistrar taskRegistrar = this::registerTask;
  private final HookRegistrar hookRegistrar = new HookRegistrar() {
    @Override
    public void register(PreRequestHook hook) {
      registerHook(hook, HookPoint.PRE_REQUEST);
    }

    @Override
    public void register(PreToolCallHook hook) {
      registerHook(hook, HookPoint.PRE_TOOL_CALL);
    }

    @Override
    public void register(ToolResultHook hook) {
      registerHook(hook, HookPoint.TOOL_RESULT);
    }

    @Override
    public void register(TurnEndHook hook) {
      registerHook(hook, HookPoint.TURN_END);
    }
  };
  private final ServiceBinder serviceBinder = new ServiceBinder() {
    @Override
    public <T> void provide(Class<T> type, T instance) {
      provideService(type, instance);
    }

    @Override
    public <T> T require(String id, Class<T> type) {
      return requireService(id, type);
    }

    @Override
    public <T> Optional<T> optional(String id, Class<T> type) {
      return optionalService(id, type);
    }
  };
  private final FeatureDiagnostics featureDiagnostics = new FeatureDiagnostics() {
    @Override
    public void info(String message) {
      note(Severity.INFO, message);
    }

    @Override
    public void warning(String message) {
      note(Severity.WARNING, message);
    }
  };

  /**
   * @param skippedTools tool name to why it is skipped (an optional authority was denied)
   */
  StagingContext(
      String featureId, FeatureSource source, FeatureDescriptor descriptor, Grants grants, ClassLoader loader,
      HostSurfaces host, ServiceRegistry services, ToolNames toolNames, Map<String, String> skippedTools,
      FeatureChannels channels, FeatureReportBuilder report) {
    this.featureId = featureId;
    this.source = source;
    this.descriptor = descriptor;
    this.grants = grants;
    this.loader = loader;
    this.host = host;
    this.services = services;
    this.toolNames = toolNames;
    this.skippedTools = skippedTools;
    this.channels = channels;
    this.report = report;
  }

  // ---- InstallContext ----

  @Override
  public String featureId() {
    return featureId;
  }

  @Override
  public ToolRegistrar tools() {
    return toolRegistrar;
  }

  @Override
  public HookRegistrar hooks() {
    return hookRegistrar;
  }

  @Override
  public TaskRegistrar backgroundTasks() {
    return taskRegistrar;
  }

  @Override
  public ServiceBinder services() {
    return serviceBinder;
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
    return featureDiagnostics;
  }

  @Override
  public Grants grants() {
    return grants;
  }

  @Override
  public StateStore stateStore(String name) {
    if (name == null || !grants.has(AuthorityKind.STATE_STORE, name)) {
      throw new AuthorityDeniedException(Gates.missing(featureId, "open the state store \"" + name + "\"",
          AuthorityKind.STATE_STORE, String.valueOf(name)));
    }
    return host.stateStore(featureId, name);
  }

  @Override
  public Secret secret(String id) {
    if (id == null || !grants.has(AuthorityKind.SECRET_REF, id)) {
      throw new AuthorityDeniedException(Gates.missing(featureId, "read the secret \"" + id + "\"",
          AuthorityKind.SECRET_REF, String.valueOf(id)));
    }
    return host.secret(featureId, id);
  }

  @Override
  public ManifestView manifest() {
    if (!grants.hasAny(AuthorityKind.POD_MANAGEMENT)) {
      throw new AuthorityDeniedException(Gates.missing(featureId, "read the Pod manifest",
          AuthorityKind.POD_MANAGEMENT, ""));
    }
    return host.manifest();
  }

  // ---- what the transaction reads ----

  /** Closes registration: {@code install} has returned. */
  synchronized void close() {
    open = false;
  }

  synchronized List<Diagnostic> rejections() {
    return List.copyOf(rejections);
  }

  synchronized FeatureContributions contributions() {
    return new FeatureContributions(featureId, List.copyOf(tools.values()), List.copyOf(hooks.values()),
        List.copyOf(tasks.values()), provided.values().stream()
            .map(s -> new FeatureContributions.ServiceEntry(s.id(), s.version(), s.type(), s.privileged()))
            .toList(), resources);
  }

  synchronized List<ServiceBinding> provided() {
    return List.copyOf(provided.values());
  }

  /** What was staged, for the rollback message: {@code tool "A"}, {@code hook "B"}, ... */
  synchronized List<String> staged() {
    return Stream.of(
            tools.keySet().stream().map(name -> "tool \"" + name + "\""),
            hooks.keySet().stream().map(name -> "hook \"" + name + "\""),
            tasks.keySet().stream().map(name -> "task \"" + name + "\""),
            provided.keySet().stream().map(id -> "service " + id))
        .flatMap(s -> s)
        .toList();
  }

  // ---- tools ----

  private synchronized void registerTool(Tool<?> tool) {
    checkOpen("tool");
    if (tool == null) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId
          + " registered a null tool; register an instance of a class declared with @ToolContribution.");
    }
    Class<?> type = tool.getClass();
    ToolDescriptor declared = find(descriptor.tools(), ToolDescriptor::className, type.getName());
    if (declared == null) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, undeclared("tool", "@ToolContribution", type,
          descriptor.tools().stream().map(t -> "\"" + t.name() + "\" (" + t.className() + ")").toList()));
    }
    // Its input type comes from where the tool class came from.
    stageTool(declared, tool, type.getClassLoader() != null ? type.getClassLoader() : loader);
  }

  /** A declared tool registered by name: one with no class of its own, such as a proxy. */
  synchronized void registerTool(String name, Tool<?> tool) {
    checkOpen("tool");
    if (name == null || tool == null) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId
          + " registered a tool with a null " + (name == null ? "name" : "implementation") + ".");
    }
    ToolDescriptor declared = find(descriptor.tools(), ToolDescriptor::name, name);
    if (declared == null) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId + " registered a tool"
          + " as \"" + name + "\", but declares no tool of that name. Declared: "
          + (descriptor.tools().isEmpty() ? "none"
              : String.join(", ", descriptor.tools().stream().map(t -> "\"" + t.name() + "\"").toList()))
          + ". Only the tools a person approved in the descriptor can be registered.");
    }
    stageTool(declared, tool, loader);
  }

  private void stageTool(ToolDescriptor declared, Tool<?> tool, ClassLoader inputLoader) {
    Class<?> type = tool.getClass();
    String name = declared.name();
    if (tools.containsKey(name) || skippedRegistered.contains(name)) {
      throw reject(DiagnosticCode.DUPLICATE_CONTRIBUTION, "feature " + featureId + " registered tool \""
          + name + "\" (" + type.getName() + ") twice; register each declared tool once.");
    }
    Optional<ToolNames.Owner> owner = toolNames.owner(name);
    if (owner.isPresent()) {
      List<String> parties = Stream.of(owner.get().toString(), featureId + "  " + type.getName()).sorted().toList();
      throw reject(DiagnosticCode.DUPLICATE_CONTRIBUTION, "tool \"" + name + "\" is contributed twice:"
          + Diagnostics.lines(parties)
          + "\n  Tool names are model-visible and must be unique across all installed features. "
          + owner.get().featureId() + " installed first, so " + featureId
          + " is not installed. Rename one of them (ToolContribution.name) or disable one feature"
          + " in the manifest.");
    }
    if (skippedTools.containsKey(name)) {
      skippedRegistered.add(name);
      return;
    }
    for (AuthorityKind kind : declared.requires()) {
      if (!grants.hasAny(kind)) {
        throw reject(DiagnosticCode.AUTHORITY_DENIED, "feature " + featureId + " registered tool \"" + name
            + "\", which requires " + kind + ", but the feature holds no " + kind + " grant (granted: "
            + grants.granted() + "). Request it with @RequiresAuthority(value = AuthorityKind." + kind
            + ", reason = \"...\") on the feature class.");
      }
    }
    tools.put(name, inputType(declared, tool, inputLoader));
  }

  /**
   * The tool's entry, its input class to be loaded from {@code inputLoader} on the tool's first
   * call. Nothing is looked up now: even a resource lookup walks every parent loader
   * (it cost more than loading the class at 10,000 features). The processor compiles the input
   * type with the tool, so a missing one means a broken jar, reported on the first call.
   */
  private ToolEntry inputType(ToolDescriptor declared, Tool<?> tool, ClassLoader inputLoader) {
    if (declared.inputType().equals(JsonNode.class.getName())) {
      return new ToolEntry(featureId, declared, tool, JsonNode.class);
    }
    return ToolEntry.loadingInputFrom(featureId, declared, tool, inputLoader);
  }

  // ---- hooks ----

  private synchronized void registerHook(Object hook, HookPoint point) {
    checkOpen("hook");
    if (hook == null) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId
          + " registered a null " + point.wireName() + " hook.");
    }
    Class<?> type = hook.getClass();
    HookDescriptor declared = find(descriptor.hooks(), HookDescriptor::className, type.getName());
    if (declared == null) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, undeclared(point.wireName() + " hook",
          "@HookContribution", type,
          descriptor.hooks().stream().map(h -> "\"" + h.name() + "\" " + h.point().wireName() + " ("
              + h.className() + ")").toList()));
    }
    if (declared.point() != point) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId + " registered "
          + type.getName() + " as a " + point.wireName() + " hook, but it is declared as hook \""
          + declared.name() + "\" at " + declared.point().wireName() + ". Register it through the "
          + declared.point().hookInterface() + " overload.");
    }
    if (hooks.containsKey(declared.name())) {
      throw reject(DiagnosticCode.DUPLICATE_CONTRIBUTION, "feature " + featureId + " registered hook \""
          + declared.name() + "\" (" + type.getName() + ") twice; register each declared hook once.");
    }
    hooks.put(declared.name(), new HookEntry(featureId, declared, hook));
  }

  // ---- tasks ----

  private synchronized void registerTask(BackgroundTask task) {
    checkOpen("background task");
    if (task == null) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId
          + " registered a null background task.");
    }
    Class<?> type = task.getClass();
    TaskDescriptor declared = find(descriptor.backgroundTasks(), TaskDescriptor::className, type.getName());
    if (declared == null) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, undeclared("background task",
          "@BackgroundTaskContribution", type,
          descriptor.backgroundTasks().stream().map(t -> "\"" + t.name() + "\" (" + t.className() + ")").toList()));
    }
    if (tasks.containsKey(declared.name())) {
      throw reject(DiagnosticCode.DUPLICATE_CONTRIBUTION, "feature " + featureId + " registered task \""
          + declared.name() + "\" (" + type.getName() + ") twice; register each declared task once.");
    }
    tasks.put(declared.name(),
        new TaskEntry(featureId, declared, task, channels.notifier(), channels.alerts()));
  }

  /** A task the feature's runtime needs supervised (RuntimeFeature.supervise): staged like a declared one. */
  synchronized void supervise(String name, String description, RestartPolicy restart, BackgroundTask task) {
    checkOpen("background task");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(restart, "restart");
    Names.checkToolName("task name", name).ifPresent(problem -> {
      throw new IllegalArgumentException(problem);
    });
    if (task == null) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId
          + " asked the host to supervise a null background task \"" + name + "\".");
    }
    if (tasks.containsKey(name)) {
      throw reject(DiagnosticCode.DUPLICATE_CONTRIBUTION, "feature " + featureId + " registered task \""
          + name + "\" (" + task.getClass().getName() + ") twice; give each task its own name.");
    }
    TaskDescriptor supervised = new TaskDescriptor(name, description, "", restart, task.getClass().getName());
    tasks.put(name, new TaskEntry(featureId, supervised, task, channels.notifier(), channels.alerts()));
  }

  /** Closed on rollback; handed to the host with the contributions otherwise. */
  synchronized void closeWith(AutoCloseable resource) {
    checkOpen("resource");
    resources.add(Objects.requireNonNull(resource, "resource"));
  }

  /** Closes what the installer asked to be closed with the feature: the install rolled back. */
  void closeResources() {
    FeatureContributions staged;
    synchronized (this) {
      staged = contributions();
      resources.clear();
    }
    staged.closeResources();
  }

  // ---- services ----

  private synchronized <T> void provideService(Class<T> type, T instance) {
    checkOpen("service");
    if (type == null || instance == null) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId
          + " called services().provide with a null " + (type == null ? "type" : "instance") + ".");
    }
    Class<?> implementation = instance.getClass();
    ProvidedService declared =
        find(descriptor.providedServices(), ProvidedService::className, implementation.getName());
    if (declared == null) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, undeclared("service", "@ProvidesService",
          implementation, descriptor.providedServices().stream()
              .map(s -> source.qualify(s.id()) + " (" + s.className() + " as " + s.type() + ")").toList()));
    }
    String id = source.qualify(declared.id());
    if (!declared.type().equals(type.getCanonicalName()) && !declared.type().equals(type.getName())) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId + " provided "
          + implementation.getName() + " as type " + type.getName() + ", but it is declared as service "
          + id + " of type " + declared.type() + ". Call services().provide(" + declared.type()
          + ".class, instance).");
    }
    if (!type.isInstance(instance)) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId + " provided "
          + implementation.getName() + ", which is not a " + type.getName() + ".");
    }
    if (provided.containsKey(id)) {
      throw reject(DiagnosticCode.DUPLICATE_CONTRIBUTION, "feature " + featureId + " provided service "
          + id + " twice; provide each declared service once.");
    }
    Optional<ServiceBinding> existing = services.binding(id);
    if (existing.isPresent()) {
      throw reject(DiagnosticCode.DUPLICATE_CONTRIBUTION, "service " + id + " is provided twice:"
          + Diagnostics.lines(Stream.of(existing.get().providerFeatureId() + "  "
              + existing.get().instance().getClass().getName(), featureId + "  " + implementation.getName())
              .sorted().toList())
          + "\n  A qualified service id has one provider. Rename one service (@ProvidesService(id)).");
    }
    provided.put(id, new ServiceBinding(id, declared.version(), declared.type(), declared.privileged(),
        featureId, instance));
  }

  private synchronized <T> T requireService(String id, Class<T> type) {
    checkOpen("service lookup");
    RequiredService declared = declaredRequirement(id, type);
    ServiceBinding binding = services.binding(id).orElseThrow(() -> reject(DiagnosticCode.MISSING_SERVICE,
        "feature " + featureId + " requires service " + id + ", but no installed feature provides it"
            + (declared.optional() ? "; it is declared optional, so look it up with services().optional(..)"
                : "") + "."));
    checkBinding(declared, binding, type).ifPresent(problem -> {
      throw problem;
    });
    return type.cast(binding.instance());
  }

  private synchronized <T> Optional<T> optionalService(String id, Class<T> type) {
    checkOpen("service lookup");
    RequiredService declared = declaredRequirement(id, type);
    Optional<ServiceBinding> binding = services.binding(id);
    if (binding.isEmpty() || !binding.get().satisfies(declared.version()) || !binding.get().accessibleWith(grants)) {
      return Optional.empty();
    }
    checkBinding(declared, binding.get(), type).ifPresent(problem -> {
      throw problem;
    });
    return Optional.of(type.cast(binding.get().instance()));
  }

  private RequiredService declaredRequirement(String id, Class<?> type) {
    if (id == null || type == null) {
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId
          + " looked up a service with a null " + (id == null ? "id" : "type") + ".");
    }
    RequiredService declared = find(descriptor.requiredServices(), RequiredService::id, id);
    if (declared == null) {
      String hint = Names.checkQualifiedId("service id", id).map(p -> " (" + p + ")").orElse("");
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId + " looked up service "
          + id + hint + ", which it does not declare. Declare it on the feature class with"
          + " @RequiresService(id = \"" + id + "\", version = \"...\", type = " + type.getSimpleName()
          + ".class, reason = \"...\").");
    }
    if (!declared.type().equals(type.getName()) && !declared.type().equals(type.getCanonicalName())) {
      // The resolver matched the provider against the declared type; a lookup as another type is
      // a registration the declaration does not cover, as for provide().
      throw reject(DiagnosticCode.UNDECLARED_CONTRIBUTION, "feature " + featureId + " looked up service "
          + id + " as " + type.getName() + ", but declares it as " + declared.type()
          + " (@RequiresService(type = ...)). Look it up with services()."
          + (declared.optional() ? "optional" : "require") + "(\"" + id + "\", "
          + simpleName(declared.type()) + ".class), or change the declared type.");
    }
    return declared;
  }

  private static String simpleName(String className) {
    return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
  }

  private Optional<RegistrationRejectedException> checkBinding(
      RequiredService declared, ServiceBinding binding, Class<?> type) {
    String id = declared.id();
    if (!binding.satisfies(declared.version())) {
      return Optional.of(reject(DiagnosticCode.SERVICE_VERSION, "feature " + featureId + " requires service "
          + id + " in range " + declared.version() + ", but " + binding.providerFeatureId()
          + " provides version " + binding.version() + "."));
    }
    if (!binding.accessibleWith(grants)) {
      return Optional.of(reject(DiagnosticCode.AUTHORITY_DENIED, "feature " + featureId
          + " requires the privileged service " + id + " without the grant SERVICE_ACCESS:" + id + "."));
    }
    if (!type.isInstance(binding.instance())) {
      // Same type name, another class: the two features loaded it through different class loaders.
      return Optional.of(reject(DiagnosticCode.MISSING_SERVICE, "feature " + featureId + " requires service "
          + id + ": type " + type.getName() + " expected, but its provider " + binding.providerFeatureId()
          + " offers a " + binding.instance().getClass().getName() + ", which is not that type as "
          + featureId + "'s class loader sees it (each loaded " + type.getName() + " through its own"
          + " class loader). Put " + type.getName() + " on a class loader both share, e.g. the host's."));
    }
    return Optional.empty();
  }

  // ---- shared ----

  /**
   * While install runs, a note goes into the feature's report (and the live stream); after it
   * returned, a handle the feature kept reaches the live stream only: the report is being built
   * for the whole start, on the installing thread, and is no place for later notes.
   */
  private void note(Severity severity, String message) {
    publish(Diagnostics.of(DiagnosticCode.FEATURE_NOTE, severity, featureId, featureId + ": " + message));
  }

  /** A diagnostic about this feature from its runtime's installer, routed as a note is. */
  void publish(Diagnostic note) {
    if (!note.featureId().equals(featureId)) {
      throw new IllegalArgumentException("feature " + featureId + "'s installer published a diagnostic"
          + " about " + (note.featureId().isEmpty() ? "no feature" : note.featureId()) + ": " + note.message());
    }
    boolean installing;
    synchronized (this) {
      installing = open;
      if (installing) {
        report.add(note);
      }
    }
    if (!installing) {
      host.publish(note);
    }
  }

  private void checkOpen(String what) {
    if (!open) {
      throw new IllegalStateException("feature " + featureId + " tried to register a " + what
          + " after its install returned; register everything inside install(context).");
    }
  }

  private RegistrationRejectedException reject(DiagnosticCode code, String message) {
    Diagnostic diagnostic = Diagnostics.error(code, featureId, message);
    rejections.add(diagnostic);
    report.add(diagnostic);
    return new RegistrationRejectedException(code.code(), diagnostic.message());
  }

  private String undeclared(String kind, String annotation, Class<?> type, List<String> declared) {
    String what = type.isSynthetic() || type.isHidden() || type.getName().contains("$$Lambda")
        ? "a lambda (" + type.getName() + ")"
        : type.isAnonymousClass() ? "an anonymous class (" + type.getName() + ")" : type.getName();
    return "feature " + featureId + " registered " + what + " as a " + kind + ", but the feature declares no "
        + kind + " of that class. Declared: " + (declared.isEmpty() ? "none" : String.join(", ", declared))
        + ".\n  Every contribution must be a named class annotated " + annotation + " and owned by this"
        + " feature (a lambda or anonymous class cannot be declared). Move the code into such a class"
        + " and register an instance of it.";
  }

  private static <D> D find(List<D> declared, Function<D, String> key, String value) {
    for (D d : declared) {
      if (key.apply(d).equals(value)) {
        return d;
      }
    }
    return null;
  }
}
