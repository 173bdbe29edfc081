package dev.yoi.cli.approve;

import dev.yoi.cli.index.Locations;
import dev.yoi.cli.text.TerminalText;
import dev.yoi.cli.text.TextTable;
import dev.yoi.descriptor.AuthorityLabel;
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
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code yoi approve} shows before it asks: the whole request, or only what changed. Every
 * string from the plugin's index goes through {@link TerminalText}, so none can move the cursor,
 * hide a line or start one that looks like ours: what is shown is what is approved.
 */
final class ApprovalPrompt {
  private ApprovalPrompt() {}

  /** The whole permission prompt: who asks, for what, why, and what it will add to the Pod. */
  static void full(CatalogEntry entry, PrintWriter out) {
    FeatureDescriptor d = entry.descriptor();
    out.println(inline(entry.id()) + " " + inline(d.version()) + " asks for approval.");
    line(out, "  ", inline(d.name()) + (d.description().isEmpty() ? "" : ": " + d.description()));
    line(out, "  ", "from " + inline(Locations.display(entry.location())) + " (index line " + entry.lineNumber() + ")");
    line(out, "  ", "digest " + inline(entry.digest()));
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
        out.println("  " + inline(authority.label().toString()) + (authority.optional() ? "  (optional)" : "  (required)"));
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
    line(out, "", inline(entry.id()) + " changed since it was approved (" + inline(previous.digest()) + " -> "
        + inline(entry.digest()) + "). Only the changes need your approval:");
    diff.lines().forEach(l -> out.print(TextTable.hanging("  ", "    ", inline(l))));
    line(out, "", "(+ added, - removed, ~ changed, ! widens an authority.) Previously granted: "
        + (previous.granted().isEmpty() ? "nothing" : inline(ApproveCommand.joined(previous.granted()))) + ".");
  }

  /** The same declarations as approved, but another jar: what a Pod that pins code refuses. */
  static void sameDeclarationsNewCode(CatalogEntry entry, Approval previous, Optional<String> code, PrintWriter out) {
    line(out, "", inline(entry.id()) + " " + inline(entry.descriptor().version()) + ": same declarations, new code. Its tools,"
        + " schemas, hooks, tasks, services and authorities are the ones you approved (" + entry.digest()
        + "), but " + Locations.display(entry.location()) + " is not the build you approved: "
        + previous.code().map(c -> "it was " + c + ", it is now " + code.orElse("unreadable"))
            .orElse("your approval recorded no code; it is now " + code.orElse("unreadable")) + ".");
    line(out, "", "Approving again pins this build, for a Pod that pins code. Previously granted: "
        + (previous.granted().isEmpty() ? "nothing" : inline(ApproveCommand.joined(previous.granted()))) + ".");
  }

  /** The optional authorities an earlier approval left out, which stay out. */
  static void keptOut(Set<AuthorityLabel> keptOut, PrintWriter out) {
    if (keptOut.isEmpty()) {
      return;
    }
    line(out, "", "Kept out, as you chose when you approved it before: " + inline(ApproveCommand.joined(keptOut))
        + ". To grant " + (keptOut.size() == 1 ? "it" : "them") + " now, run again with "
        + keptOut.stream().map(label -> "--with " + inline(label.toString())).collect(Collectors.joining(" ")) + ".");
  }

  /** What an approval pins, said plainly, and where it is recorded. */
  static void pinned(CatalogEntry entry, Optional<String> code, String where, boolean projectLock, PrintWriter out) {
    line(out, "", "What you approve: these declarations (tools, schemas, hooks, tasks, services,"
        + " authorities), pinned by their digest. Not the bytecode: a rebuild with the same declarations"
        + " but other code runs without asking again, unless the Pod pins code (Pod.builder().pinCode(true),"
        + " --pin-code)" + code.map(c -> "; the code is recorded as " + c + " (" + Locations.display(entry.location())
            + ")").orElse("; this plugin's code cannot be recorded (it is not in a jar or a class directory)")
        + ".");
    line(out, "", "Approving records it in " + where + (projectLock ? ", a project's lock: a Pod trusts it only when told"
        + " to (--trust-project-lock, Pod.builder().trustProjectLock(true))." : "."));
  }

  /** What an MCP bridge runs, and with which variables: what the approval lets onto the machine. */
  private static void server(McpServer server, PrintWriter out) {
    if (server instanceof McpServer.StreamableHttp) {
      out.print(TextTable.hanging("", "    ", "It reaches the MCP server at " + inline(McpPin.describe(server)) + "."));
      return;
    }
    McpServer.Stdio stdio = (McpServer.Stdio) server;
    out.print(TextTable.hanging("", "    ", "It starts the MCP server: " + inline(McpPin.describe(server))));
    if (!stdio.workingDirectory().isEmpty()) {
      line(out, "  ", "in " + inline(stdio.workingDirectory()));
    }
    line(out, "  ", "with PATH, HOME and the locale variables"
        + (stdio.environment().isEmpty() ? ", and no other variable." : ", and:"));
    for (EnvVariable variable : stdio.environment()) {
      line(out, "    ", inline(variable.name()) + (variable.usesSecret()
          ? " from the secret " + inline(variable.secret()) + " (only while SECRET_REF:" + inline(variable.secret()) + " is granted)"
          : "=" + inline(ServerText.escape(variable.value(), 200))));
    }
  }

  private static List<String> contributions(CatalogEntry entry) {
    FeatureDescriptor d = entry.descriptor();
    List<String> lines = new ArrayList<>();
    for (ToolDescriptor tool : d.tools()) {
      lines.add("tool " + inline(tool.name()) + ": " + TerminalText.multiline(tool.description())
          + (tool.requires().isEmpty() ? "" : " (needs " + tool.requires().stream().map(Enum::name)
              .collect(Collectors.joining(", ")) + ")"));
    }
    d.hooks().forEach(h -> lines.add("hook " + inline(h.name()) + " (" + h.point().wireName() + ")"));
    for (TaskDescriptor task : d.backgroundTasks()) {
      lines.add("background task " + inline(task.name()) + (task.every().isEmpty() ? "" : " every " + inline(task.every()))
          + ": " + task.description());
    }
    for (ProvidedService service : d.providedServices()) {
      lines.add("service " + inline(entry.source().qualify(service.id()) + " " + service.version()));
    }
    for (RequiredService service : d.requiredServices()) {
      lines.add("uses service " + inline(service.id() + " " + service.version()) + ": " + service.reason());
    }
    return lines;
  }

  /**
   * {@code text} at {@code indent}, what it holds from the plugin shown as data; every further
   * line (wrapped, or a line feed of a description or reason) two deeper, so none lines up with
   * a line of the prompt's own.
   */
  static void line(PrintWriter out, String indent, String text) {
    out.print(TextTable.hanging(indent, indent + "  ", TerminalText.multiline(text)));
  }

  /** A one-line value from the plugin (an id, a label, a name): line feeds escaped too. */
  static String inline(String text) {
    return TerminalText.inline(text);
  }
}
