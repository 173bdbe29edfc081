package dev.yoi.feature.grant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.CanonicalJson;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.ScopeWidening;
import dev.yoi.feature.annotation.AuthorityKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The exact difference between the descriptor a person approved and the one a feature has now:
 * tools, hooks, tasks and services added, removed or changed (input schemas down to the JSON
 * pointer), authorities added, removed or widened, an MCP bridge's server, and the scalar fields. What
 * {@code yoi/descriptor-changed} and {@code yoi approve} show.
 */
public final class DescriptorDiff {
  /** The keyed lists of a descriptor, how each element is named, and what it is called. */
  private static final List<Section> SECTIONS = List.of(
      new Section("tools", "tool", node -> quoted(node.path("name").asText())),
      new Section("hooks", "hook", node -> quoted(node.path("name").asText())),
      new Section("backgroundTasks", "task", node -> quoted(node.path("name").asText())),
      new Section("providedServices", "provided service", node -> quoted(node.path("id").asText())),
      new Section("requiredServices", "required service", node -> quoted(node.path("id").asText())),
      new Section("authorities", "authority", DescriptorDiff::authorityLabel));

  private static final List<String> SCALARS =
      List.of("slug", "name", "version", "description", "runtime", "featureClass");

  private final List<DescriptorChange> changes;

  private DescriptorDiff(List<DescriptorChange> changes) {
    this.changes = List.copyOf(changes);
  }

  /** What changed from {@code approved} to {@code current}. */
  public static DescriptorDiff between(FeatureDescriptor approved, FeatureDescriptor current) {
    JsonNode before = CanonicalJson.toTree(approved);
    JsonNode after = CanonicalJson.toTree(current);
    List<DescriptorChange> changes = new ArrayList<>();
    for (String field : SCALARS) {
      JsonNode a = before.path(field);
      JsonNode b = after.path(field);
      if (!a.equals(b)) {
        changes.add(new DescriptorChange(DescriptorChange.Type.CHANGED, field, text(a) + " -> " + text(b)));
      }
    }
    diffServer(before.path("server"), after.path("server"), changes);
    for (Section section : SECTIONS) {
      diffSection(section, before.path(section.field), after.path(section.field), changes);
    }
    return new DescriptorDiff(changes);
  }

  public List<DescriptorChange> changes() {
    return changes;
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** One line per change, in descriptor order (scalars, server, tools, hooks, tasks, services, authorities). */
  public List<String> lines() {
    return changes.stream().map(DescriptorChange::line).toList();
  }

  @Override
  public String toString() {
    return String.join("\n", lines());
  }

  /** An MCP bridge's server: the command line, environment mapping or URL, down to the pointer. */
  private static void diffServer(JsonNode before, JsonNode after, List<DescriptorChange> out) {
    if (before.equals(after)) {
      return;
    }
    if (before.isMissingNode() || after.isMissingNode()) {
      out.add(new DescriptorChange(DescriptorChange.Type.CHANGED, "server", text(before) + " -> " + text(after)));
      return;
    }
    List<String> details = new ArrayList<>();
    diffTree("", before, after, details);
    details.forEach(d -> out.add(new DescriptorChange(DescriptorChange.Type.CHANGED, "server", d)));
  }

  private static void diffSection(Section section, JsonNode before, JsonNode after, List<DescriptorChange> out) {
    Map<String, JsonNode> old = keyed(section, before);
    Map<String, JsonNode> now = keyed(section, after);
    boolean authorities = section.field.equals("authorities");
    for (Map.Entry<String, JsonNode> entry : old.entrySet()) {
      String key = entry.getKey();
      if (!now.containsKey(key)) {
        out.add(new DescriptorChange(DescriptorChange.Type.REMOVED, section.noun + " " + key,
            authorities ? "" : CanonicalJson.write(entry.getValue())));
      }
    }
    for (Map.Entry<String, JsonNode> entry : now.entrySet()) {
      String key = entry.getKey();
      JsonNode item = entry.getValue();
      if (!old.containsKey(key)) {
        out.add(authorities ? addedAuthority(key, item, old) : new DescriptorChange(
            DescriptorChange.Type.ADDED, section.noun + " " + key, CanonicalJson.write(item)));
        continue;
      }
      JsonNode previous = old.get(key);
      boolean nowRequired = authorities
          && previous.path("optional").asBoolean() && !item.path("optional").asBoolean();
      if (nowRequired) {
        out.add(new DescriptorChange(DescriptorChange.Type.WIDENED, section.noun + " " + key,
            "is now required (was optional)"));
      }
      List<String> details = new ArrayList<>();
      diffTree("", previous, item, details);
      for (String detail : details) {
        if (nowRequired && detail.startsWith("/optional ")) {
          continue;
        }
        out.add(new DescriptorChange(DescriptorChange.Type.CHANGED, section.noun + " " + key, detail));
      }
    }
  }

  /**
   * An authority the approved descriptor did not request: a widening ({@code !}) when it reaches
   * further than a request of the same kind that was approved (a scope made wider, or dropped for
   * the whole kind), as {@link ScopeWidening} decides; otherwise an addition.
   */
  private static DescriptorChange addedAuthority(String label, JsonNode item, Map<String, JsonNode> old) {
    String kindName = item.path("kind").asText();
    String scope = item.path("scope").asText();
    String need = (item.path("optional").asBoolean() ? "optional" : "required")
        + ", reason " + text(item.path("reason"));
    Optional<AuthorityKind> kind = kindOf(kindName);
    TreeSet<String> widened = new TreeSet<>();
    for (JsonNode previous : old.values()) {
      String previousScope = previous.path("scope").asText();
      if (kind.isPresent() && previous.path("kind").asText().equals(kindName)
          && ScopeWidening.widens(kind.get(), previousScope, scope)) {
        widened.add(authorityLabel(previous));
      }
    }
    if (!widened.isEmpty()) {
      return new DescriptorChange(DescriptorChange.Type.WIDENED, "authority " + label, "(" + need + ") widens "
          + String.join(", ", widened) + (scope.isEmpty() ? " to all of " + kindName : ""));
    }
    return new DescriptorChange(DescriptorChange.Type.ADDED, "authority " + label, "(" + need + ")");
  }

  private static Optional<AuthorityKind> kindOf(String name) {
    for (AuthorityKind kind : AuthorityKind.values()) {
      if (kind.name().equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** Differences between two trees, one per JSON pointer; arrays compare whole. */
  private static void diffTree(String pointer, JsonNode a, JsonNode b, List<String> out) {
    if (a.equals(b)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        if (!a.has(name)) {
          out.add(child + " added: " + CanonicalJson.write(b.get(name)));
        } else if (!b.has(name)) {
          out.add(child + " removed: " + CanonicalJson.write(a.get(name)));
        } else {
          diffTree(child, a.get(name), b.get(name), out);
        }
      }
      return;
    }
    out.add((pointer.isEmpty() ? "/" : pointer) + " " + CanonicalJson.write(a) + " -> " + CanonicalJson.write(b));
  }

  private static Map<String, JsonNode> keyed(Section section, JsonNode list) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
      JsonNode item = it.next();
      out.putIfAbsent(section.key.apply(item), item);
    }
    return out;
  }

  private static String authorityLabel(JsonNode node) {
    String kind = node.path("kind").asText();
    String scope = node.path("scope").asText();
    // A recorded descriptor may name a kind this build does not know: show it as written.
    return kindOf(kind).map(k -> new AuthorityLabel(k, scope).toString())
        .orElse(kind + (scope.isEmpty() ? "" : ":" + scope));
  }

  private static String quoted(String name) {
    return "\"" + name + "\"";
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() ? "(none)" : CanonicalJson.write(node);
  }

  private record Section(String field, String noun, Function<JsonNode, String> key) {}
}
