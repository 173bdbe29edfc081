package dev.yoi.pod.internal.tool;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yoi.pod.history.EntryLimit;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.yoi.descriptor.Identities;
import dev.yoi.feature.FeatureSource;
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
 */
public final class ToolRegistry {
  private final InputSchema.Compiler schemas = new InputSchema.Compiler();
  /** Built with the first call: registering modules loads classes a start need not load. */
  private volatile ObjectMapper mapper;
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
      synchronized (this) {
        if (mapper == null) {
          mapper = new ObjectMapper(limit.jsonFactory())
              .registerModule(new Jdk8Module())
              .registerModule(new JavaTimeModule())
              // An OffsetDateTime or ZonedDateTime keeps the offset or zone the model sent.
              .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
              .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        }
        current = mapper;
      }
    }
    return current;
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
