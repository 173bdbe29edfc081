package dev.yoi.cli.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.yoi.cli.index.InventoryJson;
import dev.yoi.cli.text.TerminalText;
import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.grant.ApprovalLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The files a person would write before starting a Pod, written for the demo: a manifest that
 * enables every plugin feature, and a lock that approves each with all it asks for except the
 * optional authorities (so the report shows a denied optional authority that costs nothing).
 */
final class DemoSetup {
  private DemoSetup() {}

  /** Writes {@code work/pod.json}, prints it, and returns its path. */
  static Path writeManifest(Path work, List<CatalogEntry> pluginFeatures, PrintWriter out) throws IOException {
    Path manifest = work.resolve("pod.json");
    Files.writeString(manifest, manifestJson(pluginFeatures));
    out.println();
    out.println("Manifest " + DemoCommand.inWork(work, manifest) + ":");
    out.print(Files.readString(manifest).indent(2));
    return manifest;
  }

  /** Approves every plugin feature in {@code work/features.lock.json}, prints what, returns the lock. */
  static Path approve(Path work, List<CatalogEntry> pluginFeatures, PrintWriter out) throws IOException {
    Path lock = work.resolve(ApprovalLock.FILE_NAME);
    out.println("Approved in " + DemoCommand.inWork(work, lock) + ":");
    int width = pluginFeatures.stream().mapToInt(e -> e.id().length()).max().orElse(0);
    for (CatalogEntry entry : pluginFeatures) {
      Set<AuthorityLabel> optional = entry.descriptor().authorities().stream()
          .filter(AuthorityRequest::optional).map(AuthorityRequest::label)
          .collect(Collectors.toCollection(TreeSet::new));
      Set<AuthorityLabel> granted = new TreeSet<>(ApprovalLock.requestedLabels(entry.descriptor()));
      granted.removeAll(optional);
      ApprovalLock.approve(lock, entry.id(), entry.digest(), entry.descriptor(), granted);
      out.printf("  %-" + width + "s  granted %s%n", TerminalText.inline(entry.id()),
          entry.descriptor().authorities().isEmpty() ? "nothing: it requests no authority"
              : granted.isEmpty() ? "nothing" : TerminalText.inline(joined(granted)));
      if (!optional.isEmpty()) {
        out.printf("  %-" + width + "s  left out the optional %s%n", "", TerminalText.inline(joined(optional)));
      }
    }
    return lock;
  }

  /** Enables every plugin feature; allows every tool but {@code Shell*} and {@code MemoryDelete}. */
  private static String manifestJson(List<CatalogEntry> pluginFeatures) throws IOException {
    ObjectNode root = InventoryJson.MAPPER.createObjectNode();
    ArrayNode enable = root.putObject("features").putArray("enable");
    pluginFeatures.stream().map(CatalogEntry::id).distinct().sorted().forEach(enable::add);
    ObjectNode tools = root.putObject("tools");
    tools.putArray("allow").add("*");
    tools.putArray("deny").add("Shell*").add("MemoryDelete");
    root.put("approvals", ApprovalLock.FILE_NAME);
    return InventoryJson.write(root);
  }

  private static String joined(Set<AuthorityLabel> labels) {
    return String.join(", ", labels.stream().map(AuthorityLabel::toString).toList());
  }
}
