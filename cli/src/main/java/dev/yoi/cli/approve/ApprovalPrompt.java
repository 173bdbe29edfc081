package dev.yoi.cli.approve;

import dev.yoi.cli.index.Locations;
import dev.yoi.cli.text.TextTable;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.EnvVariable;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.McpServer;
import dev.yoi.descriptor.ProvidedService;
import dev.yoi.descriptor.RequiredService;
import dev.yoi.descriptor.TaskDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.grant.Approval;
import dev.yoi.feature.grant.DescriptorDiff;
import dev.yoi.mcp.bridge.McpPin;
import dev.yoi.mcp.bridge.ServerText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What {@code yoi approve} shows before it asks: the whole request, or only what changed. */
final class ApprovalPrompt {
  private ApprovalPrompt() {}

  /** The whole permission prompt: who asks, for what, why, and what it will add to the Pod. */
  static void full(CatalogEntry entry, PrintWriter out) {
    FeatureDescriptor d = entry.descriptor();
    out.println(entry.id() + " " + d.version() + " asks for approval.");
    line(out, "  ", d.name() + (d.description().isEmpty() ? "" : ": " + d.description()));
    line(out, "  ", "from " + Locations.display(entry.location()) + " (index line " + entry.lineNumber() + ")");
    line(out, "  ", "digest " + entry.digest());
    if (d.server() != null) {
      out.println();
      server(d.server(), out);
      if (d.authorities().stream().anyMatch(a -> a.kind() == dev.yoi.feature.annotation.AuthorityKind.NETWORK)) {
        line(out, "  ", "Its NETWORK authorities are declarations: the host records them, but does not"
            + " confine what a separate process connects to.");
      }
    }
    out.println();
    if (d.authorities().isEmpty()) {
      out.println("It requests no authority.");
    } else {
      out.println("It requests:");
      for (AuthorityRequest authority : d.authorities()) {
        out.println("  " + authority.label() + (authority.optional() ? "  (optional)" : "  (required)"));
        line(out, "      ", authority.reason());
      }
    }
    List<String> contributions = contributions(entry);
    if (!contributions.isEmpty()) {
      out.println();
      out.println("It contributes:");
      contributions.forEach(c -> line(out, "  ", c));
    }
  }

  /** Only what changed since the approved digest. */
  static void changes(CatalogEntry entry, Approval previous, PrintWriter out) {
    DescriptorDiff diff = DescriptorDiff.between(previous.descriptor(), entry.descriptor());
    line(out, "", entry.id() + " changed since it was approved (" + previous.digest() + " -> "
        + entry.digest() + "). Only the changes need your approval:");
    diff.lines().forEach(l -> out.print(TextTable.hanging("  ", "    ", ServerText.escape(l))));
    line(out, "", "(+ added, - removed, ~ changed, ! widens an authority.) Previously granted: "
        + (previous.granted().isEmpty() ? "nothing" : String.join(", ", previous.granted())) + ".");
  }

  /** What an MCP bridge runs, and with which variables: what the approval lets onto the machine. */
  private static void server(McpServer server, PrintWriter out) {
    if (server instanceof McpServer.StreamableHttp) {
      out.print(TextTable.hanging("", "    ", "It reaches the MCP server at " + McpPin.describe(server) + "."));
      return;
    }
    McpServer.Stdio stdio = (McpServer.Stdio) server;
    out.print(TextTable.hanging("", "    ", "It starts the MCP server: " + McpPin.describe(server)));
    if (!stdio.workingDirectory().isEmpty()) {
      line(out, "  ", "in " + ServerText.escape(stdio.workingDirectory()));
    }
    line(out, "  ", "with PATH, HOME and the locale variables"
        + (stdio.environment().isEmpty() ? ", and no other variable." : ", and:"));
    for (EnvVariable variable : stdio.environment()) {
      line(out, "    ", variable.name() + (variable.usesSecret()
          ? " from the secret " + variable.secret() + " (only while SECRET_REF:" + variable.secret() + " is granted)"
          : "=" + ServerText.escape(variable.value(), 200)));
    }
  }

  private static List<String> contributions(CatalogEntry entry) {
    FeatureDescriptor d = entry.descriptor();
    List<String> lines = new ArrayList<>();
    for (ToolDescriptor tool : d.tools()) {
      lines.add("tool " + tool.name() + ": " + ServerText.escape(tool.description())
          + (tool.requires().isEmpty() ? "" : " (needs " + tool.requires().stream().map(Enum::name)
              .collect(Collectors.joining(", ")) + ")"));
    }
    d.hooks().forEach(h -> lines.add("hook " + h.name() + " (" + h.point().wireName() + ")"));
    for (TaskDescriptor task : d.backgroundTasks()) {
      lines.add("background task " + task.name() + (task.every().isEmpty() ? "" : " every " + task.every())
          + ": " + task.description());
    }
    for (ProvidedService service : d.providedServices()) {
      lines.add("service " + entry.source().qualify(service.id()) + " " + service.version());
    }
    for (RequiredService service : d.requiredServices()) {
      lines.add("uses service " + service.id() + " " + service.version() + ": " + service.reason());
    }
    return lines;
  }

  static void line(PrintWriter out, String indent, String text) {
    out.print(TextTable.hanging(indent, indent, text));
  }
}
