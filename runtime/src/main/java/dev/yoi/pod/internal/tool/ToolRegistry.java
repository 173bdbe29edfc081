package dev.yoi.pod.internal.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.feature.install.FeatureContributions;
import dev.yoi.pod.ToolDefinition;
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
  /** Every committed tool; guarded by {@code this}. */
  private final Map<String, RegisteredTool> committed = new HashMap<>();
  /** What readers see; null when a commit made it stale (rebuilt by the next read). */
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  /**
   * Who holds a tool name: the contributing feature and the tool's class, as a duplicate's message
   * lists them.
   */
  public record Owner(String featureId, String className) {
    @Override
    public String toString() {
      return featureId + "  " + className;
    }
  }

  private boolean sealed;

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
          RegisteredTool previous = committed.get(tool.name());
          if (previous != null) {
            throw duplicate(tool, previous);
          }
        }
        for (RegisteredTool tool : tools) {
          committed.put(tool.name(), tool);
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
    Map<String, RegisteredTool> names = new HashMap<>();
    for (FeatureContributions.ToolEntry entry : contributions.tools()) {
      RegisteredTool tool = compile(entry);
      RegisteredTool previous = committed.get(tool.name());
      if (previous == null) {
        previous = names.putIfAbsent(tool.name(), tool);
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

  /**
   * The feature and class holding tool {@code name}, if it is committed. Reads the committed map,
   * not the snapshot, so checking names during install does not rebuild a snapshot per feature.
   */
  public synchronized Optional<Owner> owner(String name) {
    RegisteredTool tool = name == null ? null : committed.get(name);
    return tool == null ? Optional.empty() : Optional.of(new Owner(tool.featureId(), tool.tool().getClass().getName()));
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
        committed.values().forEach(tool -> listed.add(tool.definition()));
        listed.sort(Comparator.comparing(ToolDefinition::name));
        snapshot = new Snapshot(Map.copyOf(committed), List.copyOf(listed));
      }
      return snapshot;
    }
  }

  ObjectMapper mapper() {
    ObjectMapper current = mapper;
    if (current == null) {
      synchronized (mapperLock) {
        if (mapper == null) {
          mapper = ToolMapper.create();
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
    List<RegisteredTool> ahead;
    synchronized (this) {
      List<String> names = new ArrayList<>(committed.keySet());
      names.sort(null);
      ahead = new ArrayList<>();
      for (String name : names.subList(0, Math.min(PREPARED_AHEAD, names.size()))) {
        ahead.add(committed.get(name));
      }
    }
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
    ToolDefinition definition = new ToolDefinition(
        name, entry.descriptor().description(), entry.descriptor().inputSchema(), entry.featureId());
    // The definition holds the schema tree; a copy of it is made only if the tool is ever called.
    InputSchema schema = new InputSchema(definition::inputSchema, schemas);
    return new RegisteredTool(definition, (Tool<Object>) entry.tool(), entry, schema, this::mapper);
  }

  private void checkOpen(String featureId) {
    if (sealed) {
      throw new IllegalStateException("tools are sealed once the Pod has started; feature "
          + featureId + " cannot add tools now");
    }
  }

  private static IllegalArgumentException duplicate(RegisteredTool tool, RegisteredTool previous) {
    List<String> parties = new ArrayList<>(List.of(previous.featureId(), tool.featureId()));
    parties.sort(null);
    return new IllegalArgumentException("tool \"" + tool.name() + "\" is contributed twice: "
        + String.join(", ", parties) + "; tool names are model-visible and must be unique");
  }
}
