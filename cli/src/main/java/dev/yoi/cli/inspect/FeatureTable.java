package dev.yoi.cli.inspect;

import dev.yoi.cli.index.FoundFeature;
import dev.yoi.cli.text.TerminalText;
import dev.yoi.cli.text.TextTable;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.HookDescriptor;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.RequiredService;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code yoi inspect}'s text: one row per feature, and with {@code --long} a block per feature.
 * Everything shown comes from an index anyone can write, so each value goes through
 * {@link TerminalText}: one-line values escaped whole, descriptions and reasons with their lines
 * under their field.
 */
final class FeatureTable {
  private FeatureTable() {}

  static String summary(List<FoundFeature> features) {
    List<List<String>> rows = new ArrayList<>();
    for (FoundFeature feature : features) {
      FeatureDescriptor d = feature.descriptor();
      rows.add(List.of(
          inline(feature.id()),
          inline(d.version()),
          Digests.abbreviate(feature.line().digest()).substring(Digests.PREFIX.length()),
          contributes(feature) + "\n" + needs(d)));
    }
    return TextTable.render(
        List.of("FEATURE", "VERSION", "SHA-256", "CONTRIBUTES AND NEEDS"), rows, TextTable.WIDTH,
        List.of(Set.of(3), Set.of(0)));
  }

  static String details(FoundFeature feature) {
    FeatureDescriptor d = feature.descriptor();
    StringBuilder out = new StringBuilder();
    out.append(inline(feature.id())).append(' ').append(inline(d.version())).append('\n');
    item(out, "name", inline(d.name()) + (d.description().isEmpty() ? "" : ": " + d.description()));
    item(out, "digest", inline(feature.line().digest()));
    item(out, "index", inline(feature.location()) + " (line " + feature.lineNumber() + ")");
    item(out, "class", inline(d.featureClass()) + " (runtime " + d.runtime().wireName() + ")");
    for (ToolDescriptor tool : d.tools()) {
      item(out, "tool", inline(tool.name()) + ": " + tool.description()
          + (tool.requires().isEmpty() ? "" : " [needs " + tool.requires().stream().map(Enum::name)
              .collect(Collectors.joining(", ")) + "]"));
    }
    for (HookDescriptor hook : d.hooks()) {
      item(out, "hook", hook.point().wireName() + " " + inline(hook.name()) + (hook.order() == 0 ? "" : " (order " + hook.order() + ")"));
    }
    for (TaskDescriptor task : d.backgroundTasks()) {
      item(out, "task", inline(task.name()) + (task.every().isEmpty() ? " (runs once)" : " every " + inline(task.every()))
          + ", restart " + task.restart() + ": " + task.description());
    }
    for (ProvidedService service : d.providedServices()) {
      item(out, "provides", inline(feature.source().qualify(service.id()) + " " + service.version()
          + " (" + service.type() + ")")
          + (service.privileged() ? ", privileged" : ""));
    }
    for (RequiredService service : d.requiredServices()) {
      item(out, "requires", inline(service.id() + " " + service.version()) + (service.optional() ? " (optional)" : "")
          + ": " + service.reason());
    }
    for (AuthorityRequest authority : d.authorities()) {
      item(out, "authority", inline(authority.label().toString()) + (authority.optional() ? " (optional)" : "") + ": " + authority.reason());
    }
    return out.toString();
  }

  /** One field of the details: {@code text}'s own lines and wrapped lines under it. */
  private static void item(StringBuilder out, String label, String text) {
    out.append(TerminalText.field(String.format("  %-12s", label), text));
  }

  private static String inline(String text) {
    return TerminalText.inline(text);
  }

  /** One line per kind of contribution. */
  private static String contributes(FoundFeature feature) {
    FeatureDescriptor d = feature.descriptor();
    List<String> lines = new ArrayList<>();
    if (!d.tools().isEmpty()) {
      lines.add(plural(d.tools().size(), "tool") + ": "
          + inline(d.tools().stream().map(ToolDescriptor::name).collect(Collectors.joining(", "))));
    }
    if (!d.hooks().isEmpty()) {
      lines.add(plural(d.hooks().size(), "hook") + ": " + d.hooks().stream()
          .map(h -> inline(h.name()) + " (" + h.point().wireName() + ")").collect(Collectors.joining(", ")));
    }
    if (!d.backgroundTasks().isEmpty()) {
      lines.add(plural(d.backgroundTasks().size(), "task") + ": " + d.backgroundTasks().stream()
          .map(t -> inline(t.name()) + (t.every().isEmpty() ? "" : " (every " + inline(t.every()) + ")"))
          .collect(Collectors.joining(", ")));
    }
    for (ProvidedService service : d.providedServices()) {
      lines.add("service: " + inline(feature.source().qualify(service.id()) + " " + service.version()));
    }
    return lines.isEmpty() ? "no contributions" : String.join("\n", lines);
  }

  /** One line per required service and authority. */
  private static String needs(FeatureDescriptor d) {
    List<String> lines = new ArrayList<>();
    for (RequiredService service : d.requiredServices()) {
      lines.add("needs " + inline(service.id() + " " + service.version()) + (service.optional() ? " (optional)" : ""));
    }
    for (AuthorityRequest authority : d.authorities()) {
      lines.add("needs " + inline(authority.label().toString()) + (authority.optional() ? " (optional)" : ""));
    }
    return lines.isEmpty() ? "needs no authority" : String.join("\n", lines);
  }

  private static String plural(int n, String noun) {
    return n == 1 ? noun : noun + "s";
  }
}
