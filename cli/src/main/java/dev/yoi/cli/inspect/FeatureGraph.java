package dev.yoi.cli.inspect;

import dev.yoi.cli.index.FoundFeature;
import dev.yoi.cli.text.TerminalText;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.RequiredService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Graphviz of features and the services between them: an arrow from each consumer to the provider
 * of each service it requires, labelled with the service and range; a dashed box for a service
 * nobody provides.
 */
final class FeatureGraph {
  private FeatureGraph() {}

  /**
   * @param shown the features to draw
   * @param providers also searched for providers (the builtins, when plugins are inspected); a
   *     provider found only here is drawn grey
   */
  static String dot(List<FoundFeature> shown, List<FoundFeature> providers) {
    Map<String, FoundFeature> byService = new TreeMap<>();
    for (List<FoundFeature> group : List.of(providers, shown)) {
      for (FoundFeature feature : group) {
        for (ProvidedService service : feature.descriptor().providedServices()) {
          byService.put(feature.source().qualify(service.id()), feature);
        }
      }
    }
    Map<String, String> nodes = new LinkedHashMap<>();
    StringBuilder edges = new StringBuilder();
    for (FoundFeature feature : shown) {
      nodes.put(feature.id(), label(feature) + "]");
    }
    for (FoundFeature feature : shown) {
      for (RequiredService service : feature.descriptor().requiredServices()) {
        FoundFeature provider = byService.get(service.id());
        String target;
        if (provider != null) {
          target = provider.id();
          nodes.putIfAbsent(target, label(provider) + ", color=gray, fontcolor=gray]");
        } else {
          target = "missing " + service.id();
          nodes.putIfAbsent(target, "[label=" + quote(service.id(), "no provider") + ", style=dashed]");
        }
        edges.append("  ").append(quote(feature.id())).append(" -> ").append(quote(target))
            .append(" [label=").append(quote(service.id() + " " + service.version()))
            .append(service.optional() ? ", style=dashed" : "").append("];\n");
      }
    }
    StringBuilder out = new StringBuilder("digraph yoi {\n")
        .append("  rankdir=LR;\n")
        .append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n")
        .append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    nodes.forEach((id, attributes) -> out.append("  ").append(quote(id)).append(' ').append(attributes).append(";\n"));
    return out.append(edges).append("}\n").toString();
  }

  private static String label(FoundFeature feature) {
    return "[label=" + quote(feature.id(), feature.descriptor().version());
  }

  /**
   * A dot string of {@code lines}, one label line each. Each is index text, so its control
   * characters (a line feed too) are escaped ({@link TerminalText#inline}) before dot's own
   * escaping: the graph is data whether it is read on a terminal or drawn.
   */
  private static String quote(String... lines) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append("\\n");
      }
      out.append(TerminalText.inline(lines[i]).replace("\\", "\\\\").replace("\"", "\\\""));
    }
    return out.append('"').toString();
  }
}
