package dev.yoi.pod.internal.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.descriptor.Identities;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.install.FeatureContributions;
import dev.yoi.pod.ToolDefinition;
import dev.yoi.pod.history.EntryLimit;
import dev.yoi.pod.tool.Tool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Pod's tools by model-visible name: O(1) lookup, definitions listed sorted by name. Each
 * tool's input schema is compiled once, on the tool's first call (a schema that does not compile
 * is an error result for every call, reported once); its decoder is built on the first call that
 * decodes. Readers on any thread see an immutable snapshot that holds whole commits
 * only; a commit adds to the registry in time proportional to its own tools and the next read
 * builds a new snapshot, so installing N features costs O(N), not O(N²). After {@link #seal()}
 * the snapshot never changes.
 *
 * <p>Right after the Pod starts, {@link #prepareAhead()} does on one background thread what a first
 * call would otherwise do on the caller's: builds the tools' mapper (and decodes a sample record,
 * which loads Jackson's deserialisers; a tool's own input class is loaded by its first call only),
 * and compiles the schemas of the first {@value #PREPARED_AHEAD} tools by name (each checked once
 * against an empty input, which loads the validator's classes). A call that comes first compiles its schema itself; either way
 * each schema is compiled once, and a broken one is reported by the call that finds it, as before.
 */
public final class ToolRegistry {
  /**
   * How many tools' schemas are compiled ahead of their first call: what a model is offered at
   * once, not the thousands of a synthetic Pod, most of which are never called and whose compiled
   * schemas would only take memory.
   */
  public static final int PREPARED_AHEAD = 100;

  private final InputSchema.Compiler schemas = new InputSchema.Compiler();
  /** Built with the first call (or ahead of it): registering modules loads classes a start need not load. */
  private volatile ObjectMapper mapper;
  /** Guards building {@link #mapper}; not {@code this}, so lookups never wait for a mapper being built. */
  private final Object mapperLock = new Object();
  /** The thread preparing the tools ahead of their first calls, or null. */
  private volatile Thread preparing;
  /** Every committed tool by its identity (a tool name is global); guarded by {@code this}. */
  private final Map<Identities.Key, RegisteredTool> committed = new HashMap<>();
  /** What readers see; null when a commit made it stale (rebuilt by the next read). */
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  private boolean sealed;
  /** Tool inputs are read with the limit they were written under. */
  private final EntryLimit limit;

  public ToolRegistry() {
    this(EntryLimit.standard());
  }

  /** A registry whose tools decode inputs up to {@code limit}. */
  public ToolRegistry(EntryLimit limit) {
    this.limit = java.util.Objects.requireNonNull(limit, "limit");
  }

  private record Snapshot(Map<String, RegisteredTool> byName, List<ToolDefinition> definitions) {
    static final Snapshot EMPTY = new Snapshot(Map.of(), List.of());
  }

  /**
   * One feature's tools, compiled and checked but not yet visible; {@link Staged#commit()} makes
   * them visible. Lets the Pod add a feature's tools and hooks all or none.
   */
  public final class Staged {
    private final String featureId;
    private final List<RegisteredTool> tools;

    private Staged(String featureId, List<RegisteredTool> tools) {
      this.featureId = featureId;
      this.tools = tools;
    }

    /**
     * Makes the staged tools visible.
     *
     * @throws IllegalArgumentException if a tool of the same name was committed since staging
     * @throws IllegalStateException if the registry was sealed since staging
     */
    public void commit() {
      synchronized (ToolRegistry.this) {
        checkOpen(featureId);
        for (RegisteredTool tool : tools) {
          RegisteredTool previous = committed.get(key(tool));
          if (previous != null) {
            throw duplicate(tool, previous);
          }
        }
        for (RegisteredTool tool : tools) {
          committed.put(key(tool), tool);
        }
        if (!tools.isEmpty()) {
          snapshot = null;
        }
      }
    }
  }

  /**
   * Checks one feature's tools without making them visible.
   *
   * @throws IllegalArgumentException if a tool's name is taken, or an
   *     entry has no tool
   * @throws IllegalStateException after {@link #seal()}
   */
  public synchronized Staged stage(FeatureContributions contributions) {
    checkOpen(contributions.featureId());
    List<RegisteredTool> staged = new ArrayList<>();
    Map<Identities.Key, RegisteredTool> names = new HashMap<>();
    for (FeatureContributions.ToolEntry entry : contributions.tools()) {
      RegisteredTool tool = compile(entry);
      RegisteredTool previous = committed.get(key(tool));
      if (previous == null) {
        previous = names.putIfAbsent(key(tool), tool);
      }
      if (previous != null) {
        throw duplicate(tool, previous);
      }
      staged.add(tool);
    }
    return new Staged(contributions.featureId(), List.copyOf(staged));
  }

  /** Checks and adds one feature's tools, all or none. */
  public void commit(FeatureContributions contributions) {
    stage(contributions).commit();
  }

  /** Freezes the registry: later commits throw. */
  public synchronized void seal() {
    sealed = true;
  }

  /** The definition of tool {@code name}, if there is one. */
  public Optional<ToolDefinition> definition(String name) {
    RegisteredTool tool = lookup(name);
    return tool == null ? Optional.empty() : Optional.of(tool.definition());
  }

  /** Every tool's definition, sorted by name. */
  public List<ToolDefinition> definitions() {
    return snapshot().definitions();
  }

  /** Every tool's name, sorted. */
  public List<String> names() {
    return definitions().stream().map(ToolDefinition::name).toList();
  }

  RegisteredTool lookup(String name) {
    return name == null ? null : snapshot().byName().get(name);
  }

  private Snapshot snapshot() {
    Snapshot current = snapshot;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (snapshot == null) {
        List<ToolDefinition> listed = new ArrayList<>(committed.size());
        Map<String, RegisteredTool> byName = new HashMap<>();
        for (RegisteredTool tool : committed.values()) {
          listed.add(tool.definition());
          byName.put(tool.name(), tool);
        }
        listed.sort(Comparator.comparing(ToolDefinition::name));
        snapshot = new Snapshot(Map.copyOf(byName), List.copyOf(listed));
      }
      return snapshot;
    }
  }

  ObjectMapper mapper() {
    ObjectMapper current = mapper;
    if (current == null) {
      synchronized (mapperLock) {
        if (mapper == null) {
          mapper = ToolMapper.create(limit);
        }
        current = mapper;
      }
    }
    return current;
  }

  /**
   * Starts preparing the tools ahead of their first calls on a daemon thread (see the class
   * comment); call once, after {@link #seal()}. Never fails a start: whatever the preparation
   * cannot do, the first call does as it always did.
   */
  public void prepareAhead() {
    List<RegisteredTool> all;
    synchronized (this) {
      all = new ArrayList<>(committed.values());
    }
    all.sort(Comparator.comparing(RegisteredTool::name));
    List<RegisteredTool> ahead = List.copyOf(all.subList(0, Math.min(PREPARED_AHEAD, all.size())));
    if (ahead.isEmpty()) {
      return;
    }
    Thread thread = new Thread(() -> prepare(ahead), "yoi-tool-schemas");
    thread.setDaemon(true);
    preparing = thread;
    thread.start();
  }

  /** Stops the preparation (the Pod is closing): tools not prepared yet are left to their calls. */
  public void stopPreparing() {
    Thread thread = preparing;
    if (thread != null) {
      thread.interrupt();
    }
  }

  /** Waits for the preparation to end; for tests and benchmarks. */
  public void awaitPrepared() throws InterruptedException {
    Thread thread = preparing;
    if (thread != null) {
      thread.join();
    }
  }

  private void prepare(List<RegisteredTool> ahead) {
    try {
      JsonNode empty = mapper().readTree("{}");
      ToolMapper.warmUp(mapper(), empty);
      for (RegisteredTool tool : ahead) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        if (tool.schema().compiled() instanceof InputSchema.Ready ready) {
          ready.violations(empty); // loads the validator's (and its messages') classes
        }
      }
    } catch (Throwable e) {
      // Nothing here may end the process or reach a caller: the first call does what is left,
      // on its own thread, and reports what fails there.
      if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
        throw fatal;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private RegisteredTool compile(FeatureContributions.ToolEntry entry) {
    String name = entry.descriptor().name();
    if (entry.tool() == null || entry.inputTypeName().isEmpty()) {
      throw new IllegalArgumentException("tool \"" + name + "\" of feature " + entry.featureId()
          + " has no implementation or input type");
    }
    return new RegisteredTool((Tool<Object>) entry.tool(), entry, schemas, this::mapper);
  }

  private void checkOpen(String featureId) {
    if (sealed) {
      throw new IllegalStateException("tools are sealed once the Pod has started; feature "
          + featureId + " cannot add tools now");
    }
  }

  /** What two tools conflict under: the descriptor module's one meaning (tool names are global). */
  private static Identities.Key key(RegisteredTool tool) {
    String source = FeatureSource.ofQualifiedId(tool.featureId()).prefix();
    return Identities.key(Identities.Namespace.TOOL_NAME, Identities.Origin.source(source), tool.name())
        .orElseThrow();
  }

  private static IllegalArgumentException duplicate(RegisteredTool tool, RegisteredTool previous) {
    List<String> parties = new ArrayList<>(List.of(previous.featureId(), tool.featureId()));
    parties.sort(null);
    return new IllegalArgumentException("tool \"" + tool.name() + "\" is contributed twice: "
        + String.join(", ", parties) + "; tool names are model-visible and must be unique");
  }
}
