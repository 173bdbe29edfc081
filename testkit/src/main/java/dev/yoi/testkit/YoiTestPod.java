package dev.yoi.testkit;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.grant.AuthorityPolicy;
import dev.yoi.pod.Alert;
import dev.yoi.pod.LlmClient;
import dev.yoi.pod.LlmRequest;
import dev.yoi.pod.LlmResponse;
import dev.yoi.pod.Pod;
import dev.yoi.pod.PodManifest;
import dev.yoi.pod.ScriptedLlmClient;
import dev.yoi.pod.history.HistoryEntry;
import dev.yoi.pod.hook.TurnSummary;
import dev.yoi.pod.tool.ToolResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A started {@link Pod} for a plugin's own tests, with the plugin under test loaded as a project
 * (or user) plugin through its own class loader, as a host loads a plugin jar. Builtins on the test
 * class path stay builtins; grants are given in code instead of an approval lock; the model is a
 * script; history and state live in a temporary directory the kit deletes on {@link #close()}.
 *
 * <pre>{@code
 * try (YoiTestPod pod = YoiTestPod.project()            // the plugin under test: target/classes
 *     .grantAll()
 *     .script(LlmResponse.toolCall("WeatherForecast", "{\"city\":\"Lisbon\"}"),
 *             LlmResponse.text("Sunny."))
 *     .start()) {                                       // fails the test if the plugin did not install
 *   ToolResult result = pod.callTool("WeatherForecast", "{\"city\":\"Lisbon\"}");
 *   pod.runTurn("Weather in Lisbon?");
 *   pod.history(HistoryEntry.ToolResult.class);
 * }
 * }</pre>
 *
 * <p>The plugin's compiled output must not also be on the test class path, where the Pod would
 * read it as a builtin: the kit refuses it, saying what to put in the build.
 */
public final class YoiTestPod implements AutoCloseable {
  /**
   * The system property naming the plugin under test's compiled output (directories or jars,
   * separated by {@link File#pathSeparator}); absent, {@link #project()} and {@link #user()} take
   * {@code target/classes} (Maven), else {@code build/classes/java/main} (Gradle).
   */
  public static final String PLUGIN_PROPERTY = "yoi.testkit.plugin";

  private final Builder settings;
  private final Path workDirectory;
  private final boolean ownsWorkDirectory;
  private final List<PluginClasses> plugins;
  private final Pod pod;
  private final ScriptedLlmClient scripted;
  private final List<Alert> alerts;
  private final List<Diagnostic> diagnostics;
  private final InstallReport report;
  private boolean closed;
  private boolean handedOver;

  private YoiTestPod(Builder settings, Path workDirectory, boolean ownsWorkDirectory,
      List<PluginClasses> plugins, Pod pod, ScriptedLlmClient scripted, List<Alert> alerts,
      List<Diagnostic> diagnostics, InstallReport report) {
    this.settings = settings;
    this.workDirectory = workDirectory;
    this.ownsWorkDirectory = ownsWorkDirectory;
    this.plugins = plugins;
    this.pod = pod;
    this.scripted = scripted;
    this.alerts = alerts;
    this.diagnostics = diagnostics;
    this.report = report;
  }

  /** The plugin under test as a project plugin, from {@link #PLUGIN_PROPERTY} or the build's default output. */
  public static Builder project() {
    return project(pluginUnderTest().toArray(Path[]::new));
  }

  /** The plugin in {@code output} (class directories or jars) as a project plugin. */
  public static Builder project(Path... output) {
    return new Builder().plugin(FeatureSource.PROJECT, output);
  }

  /** The plugin under test as a user plugin, from {@link #PLUGIN_PROPERTY} or the build's default output. */
  public static Builder user() {
    return user(pluginUnderTest().toArray(Path[]::new));
  }

  /** The plugin in {@code output} (class directories or jars) as a user plugin. */
  public static Builder user(Path... output) {
    return new Builder().plugin(FeatureSource.USER, output);
  }

  /** The Pod itself, for what the kit does not wrap ({@code offeredTools()}, {@code tasks()}, ...). */
  public Pod pod() {
    return pod;
  }

  /** What {@link Pod#start()} returned. */
  public InstallReport report() {
    return report;
  }

  /**
   * One feature's report.
   *
   * @param id a full id ({@code project:weather}, {@code builtin:memory}) or the slug of a plugin
   *     feature given to the kit ({@code weather})
   * @throws AssertionError if the report has no such feature, listing the ids it has
   */
  public FeatureReport feature(String id) {
    List<String> candidates = new ArrayList<>();
    if (id.contains(":")) {
      candidates.add(id);
    } else {
      plugins.forEach(p -> candidates.add(p.source().qualify(id)));
    }
    for (String candidate : candidates) {
      Optional<FeatureReport> found = report.feature(candidate);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new AssertionError("yoi-testkit: the install report has no feature " + id + "; it has "
        + report.features().stream().map(FeatureReport::id).toList());
  }

  /** {@link Pod#callTool}: the whole tool path (hooks, schema, the tool, history). */
  public ToolResult callTool(String name, String inputJson) {
    return pod.callTool(name, inputJson);
  }

  /** {@link Pod#runTurn}: one turn of the scripted (or given) model. */
  public TurnSummary runTurn(String userMessage) {
    return pod.runTurn(userMessage);
  }

  /** Every history entry, oldest first. */
  public List<HistoryEntry> history() {
    return pod.history();
  }

  /** The history entries of one kind, oldest first, e.g. {@code history(HistoryEntry.SystemItem.class)}. */
  public <T extends HistoryEntry> List<T> history(Class<T> kind) {
    return pod.history().stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /** Every alert features raised, oldest first. */
  public List<Alert> alerts() {
    return List.copyOf(alerts);
  }

  /** Every diagnostic the Pod published, from its opening on (install, hooks, tools, tasks, model). */
  public List<Diagnostic> diagnostics() {
    return List.copyOf(diagnostics);
  }

  /** The diagnostics with {@code code}, e.g. {@code yoi/tool-failed}. */
  public List<Diagnostic> diagnostics(String code) {
    return diagnostics.stream().filter(d -> d.code().equals(code)).toList();
  }

  /** Every request the scripted model received (history and tools as the model saw them); empty for a given model. */
  public List<LlmRequest> modelRequests() {
    return scripted == null ? List.of() : scripted.requests();
  }

  /** Where the history ({@code history/}) and state stores ({@code data/}) live. */
  public Path workDirectory() {
    return workDirectory;
  }

  /**
   * Closes this Pod and starts a new one over the same work directory, with the same settings, as
   * a host restarting: the history and every state store carry over, the plugin is loaded afresh,
   * and a scripted model starts its script from the top. Use the returned Pod from then on (it
   * owns the work directory; closing this one again does nothing).
   */
  public YoiTestPod restart() {
    if (closed) {
      throw new IllegalStateException("yoi-testkit: this Pod is closed; restart() a Pod before closing it");
    }
    handedOver = true;
    close();
    try {
      return settings.startIn(workDirectory, ownsWorkDirectory);
    } catch (RuntimeException | Error e) {
      if (ownsWorkDirectory) {
        delete(workDirectory);
      }
      throw e;
    }
  }

  /** Closes the Pod and the plugin's class loader, and deletes the work directory the kit made. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      pod.close();
    } finally {
      plugins.forEach(PluginClasses::close);
      if (ownsWorkDirectory && !handedOver) {
        delete(workDirectory);
      }
    }
  }

  /** The plugin under test's output: the system property, else the Maven or Gradle default. */
  static List<Path> pluginUnderTest() {
    String property = System.getProperty(PLUGIN_PROPERTY, "").strip();
    if (!property.isEmpty()) {
      return Arrays.stream(property.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }
    for (Path candidate : List.of(Path.of("target", "classes"), Path.of("build", "classes", "java", "main"))) {
      if (Files.isDirectory(candidate)) {
        return List.of(candidate);
      }
    }
    throw new IllegalStateException("yoi-testkit: no plugin under test: neither target/classes nor"
        + " build/classes/java/main exists in " + Path.of("").toAbsolutePath() + ", and the system"
        + " property " + PLUGIN_PROPERTY + " is not set.\n  Name the plugin's output:"
        + " YoiTestPod.project(Path.of(..)), or -D" + PLUGIN_PROPERTY + "=<classes dir or jar>.");
  }

  private static void delete(Path directory) {
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("yoi-testkit: could not delete its work directory " + directory, e);
    }
  }

  /** How to start a {@link YoiTestPod}; every part but the plugin is optional. */
  public static final class Builder {
    private record Plugin(FeatureSource source, List<Path> output) {}

    private final List<Plugin> plugins = new ArrayList<>();
    private boolean builtins = true;
    private boolean grantAll;
    private final Set<String> grants = new LinkedHashSet<>();
    private AuthorityPolicy policy;
    private final List<LlmResponse> script = new ArrayList<>();
    private LlmClient model;
    private final Map<String, String> secrets = new HashMap<>();
    private final List<String> disable = new ArrayList<>();
    private final List<String> allowTools = new ArrayList<>();
    private final List<String> denyTools = new ArrayList<>();
    private Path workDirectory;
    private boolean allowInstallFailures;
    private final List<Consumer<Pod.Builder>> customizers = new ArrayList<>();

    private Builder() {}

    private Builder(Builder other) {
      plugins.addAll(other.plugins);
      builtins = other.builtins;
      grantAll = other.grantAll;
      grants.addAll(other.grants);
      policy = other.policy;
      script.addAll(other.script);
      model = other.model;
      secrets.putAll(other.secrets);
      disable.addAll(other.disable);
      allowTools.addAll(other.allowTools);
      denyTools.addAll(other.denyTools);
      workDirectory = other.workDirectory;
      allowInstallFailures = other.allowInstallFailures;
      customizers.addAll(other.customizers);
    }

    /**
     * Another plugin beside the one under test, e.g. one whose service it requires; loaded through
     * its own class loader, enabled and granted like the plugin under test.
     */
    public Builder plugin(FeatureSource source, Path... output) {
      Objects.requireNonNull(source, "source");
      plugins.add(new Plugin(source, List.of(output)));
      return this;
    }

    /** Grants every plugin feature every authority it requests (builtins always get theirs). */
    public Builder grantAll() {
      this.grantAll = true;
      return this;
    }

    /**
     * Grants one authority, by its label, to every plugin feature that requests it; what is not
     * granted is denied, as an approval that left it out.
     *
     * @param label {@code KIND} or {@code KIND:scope}, as {@code yoi inspect} shows it, e.g.
     *     {@code NETWORK:api.weather.example}
     */
    public Builder grant(String label) {
      grants.add(Objects.requireNonNull(label, "label"));
      return this;
    }

    /** {@link #grant(String)} of {@code kind:scope} ({@code kind} alone when the scope is empty). */
    public Builder grant(AuthorityKind kind, String scope) {
      return grant(scope.isEmpty() ? kind.name() : kind.name() + ":" + scope);
    }

    /**
     * Replaces the kit's grants with a policy of the host's own, e.g. {@code
     * AuthorityPolicy.standard(lockFile)} to test against an approval lock.
     */
    public Builder authorityPolicy(AuthorityPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The model's answers, in order ({@link LlmResponse#toolCall}, {@link LlmResponse#text}, ...). */
    public Builder script(LlmResponse... responses) {
      script.addAll(List.of(responses));
      this.model = null;
      return this;
    }

    /** A model of the test's own instead of a script. */
    public Builder model(LlmClient model) {
      this.model = Objects.requireNonNull(model, "model");
      script.clear();
      return this;
    }

    /** A secret's value ({@code SECRET_REF:id}). Absent: no secret has a value (the environment is not read). */
    public Builder secret(String id, String value) {
      secrets.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Features not to run, e.g. {@code builtin:memory} (the manifest's {@code features.disable}). */
    public Builder disable(String... featureIds) {
      disable.addAll(List.of(featureIds));
      return this;
    }

    /** Tool name globs the model may call (the manifest's {@code tools.allow}). Absent: every tool. */
    public Builder allowTools(String... globs) {
      allowTools.addAll(List.of(globs));
      return this;
    }

    /** Tool name globs the model may not call (the manifest's {@code tools.deny}). */
    public Builder denyTools(String... globs) {
      denyTools.addAll(List.of(globs));
      return this;
    }

    /** No builtins: the Pod installs only the plugins given to the kit. */
    public Builder withoutBuiltins() {
      this.builtins = false;
      return this;
    }

    /** A work directory of the test's own (e.g. JUnit's {@code @TempDir}), kept on close. Absent: a temporary one, deleted on close. */
    public Builder workDirectory(Path directory) {
      this.workDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** {@link #start()} returns even if a plugin feature did not install, so the test can assert on the report. */
    public Builder allowInstallFailures() {
      this.allowInstallFailures = true;
      return this;
    }

    /**
     * Anything else of the Pod's builder ({@code closeTimeout}, {@code taskBackoff},
     * {@code maxRoundsPerTurn}, {@code taskEvents}, ...), applied after the kit's own settings.
     */
    public Builder configure(Consumer<Pod.Builder> customizer) {
      customizers.add(Objects.requireNonNull(customizer, "customizer"));
      return this;
    }

    /**
     * Builds and starts the Pod.
     *
     * @throws AssertionError if a plugin feature given to the kit did not install (unless
     *     {@link #allowInstallFailures()}), with the report's diagnostics for it
     * @throws IllegalStateException if a plugin's output is missing, holds no index, or is also on
     *     the test class path
     */
    public YoiTestPod start() {
      Path directory = workDirectory;
      boolean owned = directory == null;
      if (owned) {
        try {
          directory = Files.createTempDirectory("yoi-testkit-");
        } catch (IOException e) {
          throw new UncheckedIOException("yoi-testkit: could not create a work directory", e);
        }
      }
      try {
        return new Builder(this).startIn(directory, owned);
      } catch (RuntimeException | Error e) {
        if (owned) {
          delete(directory);
        }
        throw e;
      }
    }

    private YoiTestPod startIn(Path directory, boolean owned) {
      ClassLoader testLoader = YoiTestPod.class.getClassLoader();
      List<PluginClasses> opened = new ArrayList<>();
      Pod pod = null;
      try {
        for (Plugin plugin : plugins) {
          opened.add(PluginClasses.open(plugin.source(), plugin.output(), testLoader));
        }
        List<String> enable = opened.stream().flatMap(p -> p.featureIds().stream()).distinct().toList();
        ScriptedLlmClient scripted = model == null ? new ScriptedLlmClient(script.toArray(LlmResponse[]::new)) : null;
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        List<Diagnostic> diagnostics = new CopyOnWriteArrayList<>();
        Map<String, String> values = Map.copyOf(secrets);
        Pod.Builder builder = Pod.builder();
        if (builtins) {
          builder.features(testLoader, FeatureSource.BUILTIN);
        }
        opened.forEach(p -> builder.features(p.loader(), p.source()));
        builder.manifest(new PodManifest(enable, disable, allowTools, denyTools, Optional.empty()))
            .history(directory.resolve("history"))
            .dataDirectory(directory.resolve("data"))
            .model(scripted != null ? scripted : model)
            .secrets(id -> Optional.ofNullable(values.get(id)))
            .alerts(alerts::add)
            .diagnostics(diagnostics::add)
            .authorityPolicy(policy != null ? policy : new TestGrants(grantAll, grants));
        customizers.forEach(c -> c.accept(builder));
        pod = builder.build();
        InstallReport report = pod.start();
        if (!allowInstallFailures) {
          requireInstalled(opened, report);
        }
        return new YoiTestPod(this, directory, owned, List.copyOf(opened), pod, scripted, alerts,
            diagnostics, report);
      } catch (RuntimeException | Error e) {
        if (pod != null) {
          pod.close();
        }
        opened.forEach(PluginClasses::close);
        throw e;
      }
    }

    private static void requireInstalled(List<PluginClasses> plugins, InstallReport report) {
      List<String> problems = new ArrayList<>();
      for (PluginClasses plugin : plugins) {
        if (plugin.featureIds().isEmpty()) {
          problems.add("no feature could be read from " + plugin.roots() + ":"
              + lines(report.diagnostics()));
        }
        for (String id : plugin.featureIds()) {
          Optional<FeatureReport> feature = report.feature(id);
          if (feature.isEmpty() || !feature.get().installed()) {
            problems.add(id + " did not install:"
                + lines(feature.map(FeatureReport::diagnostics).orElse(report.diagnostics())));
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new AssertionError("yoi-testkit: " + String.join("\n", problems)
            + "\n  Grant what it needs (grantAll(), grant(..)), fix what the diagnostics name, or"
            + " call allowInstallFailures() to assert on the report.");
      }
    }

    private static String lines(List<Diagnostic> diagnostics) {
      StringBuilder out = new StringBuilder();
      for (Diagnostic d : diagnostics) {
        out.append("\n  ").append(d.severity().name().toLowerCase(Locale.ROOT)).append(": ").append(d.message());
      }
      return diagnostics.isEmpty() ? " (no diagnostic)" : out.toString();
    }
  }
}
