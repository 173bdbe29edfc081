package dev.yoi.processor.marker;

import dev.yoi.descriptor.FeatureDescriptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a feature compiled elsewhere left on the classpath for later compilations to check
 * duplicates against. Each processing round that generates features writes one marker class in
 * {@link #PACKAGE} whose compile-time constants name every feature of the round, its tools and its
 * services. (Hilt's way: a package listing works across any number of jars, where
 * {@code Filer.getResource} sees only one index. One class per round, not per feature, written as
 * a class file through {@code Filer.createResource}: see {@code FeatureGenerator}.)
 *
 * <p>A later build of the same module reads them too: they list every contribution of each feature,
 * so a feature recompiled alone (as an IDE or an incremental build does) finds its contributions
 * that were not recompiled with it.
 *
 * @param module the {@code yoi.module} of the compilation that produced it
 * @param tools tool name and tool class, sorted by name
 * @param services service id and provider class, sorted by id
 * @param hooks hook name and hook class, in the descriptor's order
 * @param tasks background task name and task class, sorted by name
 */
public record FeatureMarker(
    String slug,
    String featureClass,
    String module,
    List<Entry> tools,
    List<Entry> services,
    List<Entry> hooks,
    List<Entry> tasks) {

  /** The one package every marker class is generated into. */
  public static final String PACKAGE = "dev.yoi.markers";
  /**
   * Bumped if the constants change shape; markers of another format are ignored. 1: one class per
   * feature; 2: one class per round, one {@code FEATURE_<n>} constant per feature; 3: hooks and
   * tasks listed too.
   */
  public static final int FORMAT = 3;
  /** The older format still read: its features' tools and services, no hooks or tasks. */
  static final int FORMAT_WITHOUT_HOOKS = 2;
  /** Prefix of the constants that each hold one feature, {@code FEATURE_0}, {@code FEATURE_1}.. */
  public static final String FEATURE_CONSTANT = "FEATURE_";

  public FeatureMarker {
    tools = List.copyOf(tools);
    services = List.copyOf(services);
    hooks = List.copyOf(hooks);
    tasks = List.copyOf(tasks);
  }

  /** A feature's marker without hooks or tasks (as format 2 recorded it). */
  public FeatureMarker(String slug, String featureClass, String module, List<Entry> tools, List<Entry> services) {
    this(slug, featureClass, module, tools, services, List.of(), List.of());
  }

  /** The marker of a generated feature. */
  public static FeatureMarker of(String module, FeatureDescriptor d) {
    return new FeatureMarker(d.slug(), d.featureClass(), module,
        d.tools().stream().map(t -> new Entry(t.name(), t.className())).toList(),
        d.providedServices().stream().map(s -> new Entry(s.id(), s.className())).toList(),
        d.hooks().stream().map(h -> new Entry(h.name(), h.className())).toList(),
        d.backgroundTasks().stream().map(t -> new Entry(t.name(), t.className())).toList());
  }

  /** A contribution's name and its class's binary name. */
  public record Entry(String name, String className) {}

  /**
   * The marker class's simple name: {@code Features_} and 16 hex digits of SHA-256 over the module
   * and its features' classes. Two modules never clash; a rebuild of the same features (a tool
   * renamed, say) overwrites its marker instead of leaving a stale one beside it in the output.
   */
  public static String simpleName(String module, List<FeatureMarker> features) {
    StringBuilder identity = new StringBuilder(module);
    for (FeatureMarker f : features) {
      identity.append('\n').append(f.featureClass());
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(identity.toString().getBytes(StandardCharsets.UTF_8));
      return "Features_" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * The feature as one constant: {@code feature <slug> <class>}, then one {@code tool},
   * {@code service}, {@code hook} or {@code task} line ({@code <kind> <name> <class>}) per
   * contribution. Names and ids never hold spaces or line breaks (the name checks ran before any
   * marker is written).
   */
  public String encode() {
    StringBuilder out = new StringBuilder("feature ").append(slug).append(' ').append(featureClass);
    tools.forEach(t -> out.append("\ntool ").append(t.name()).append(' ').append(t.className()));
    services.forEach(s -> out.append("\nservice ").append(s.name()).append(' ').append(s.className()));
    hooks.forEach(h -> out.append("\nhook ").append(h.name()).append(' ').append(h.className()));
    tasks.forEach(t -> out.append("\ntask ").append(t.name()).append(' ').append(t.className()));
    return out.toString();
  }

  /** Reads {@link #encode()}'s text back; empty when any line does not read (no duplicate claimed). */
  static Optional<FeatureMarker> decode(String module, String text) {
    String[] lines = text.split("\n", -1);
    String[] head = lines[0].split(" ", -1);
    if (head.length != 3 || !head[0].equals("feature") || head[1].isEmpty() || head[2].isEmpty()) {
      return Optional.empty();
    }
    List<Entry> tools = new ArrayList<>();
    List<Entry> services = new ArrayList<>();
    List<Entry> hooks = new ArrayList<>();
    List<Entry> tasks = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] parts = lines[i].split(" ", -1);
      if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
        return Optional.empty();
      }
      switch (parts[0]) {
        case "tool" -> tools.add(new Entry(parts[1], parts[2]));
        case "service" -> services.add(new Entry(parts[1], parts[2]));
        case "hook" -> hooks.add(new Entry(parts[1], parts[2]));
        case "task" -> tasks.add(new Entry(parts[1], parts[2]));
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(new FeatureMarker(head[1], head[2], module, tools, services, hooks, tasks));
  }
}
