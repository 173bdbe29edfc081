package dev.yoi.feature.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.feature.FeatureReport;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.InstallReport;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.catalog.CatalogEntry;
import dev.yoi.feature.catalog.FeatureCatalog;
import dev.yoi.feature.catalog.FeatureLoader;
import dev.yoi.feature.grant.Approval;
import dev.yoi.feature.grant.ApprovalLock;
import dev.yoi.feature.testing.Descriptors;
import dev.yoi.feature.testing.FeatureCompiler;
import dev.yoi.pod.Pod;
import dev.yoi.pod.PodManifest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 6.7, what the registry's own lock tests leave out: two approver processes released at the
 * same instant while a reader watches the file, and hand-edited locks taken all the way through a
 * Pod start with a compiled plugin. (ApprovalLockTest already covers two unsynchronised processes,
 * many threads, and reading an entry whose digest was edited.)
 */
class ApprovalLockReliabilityTest {
  private static final int PER_PROCESS = Soak.count(40, 500);

  @TempDir Path dir;

  @Test
  void twoProcessesReleasedTogetherLoseNoApprovalAndAReaderNeverSeesAHalfWrittenLock() throws Exception {
    Path lock = dir.resolve(ApprovalLock.FILE_NAME);
    List<Process> approvers = new ArrayList<>();
    List<BufferedReader> outputs = new ArrayList<>();
    for (String prefix : List.of("a", "b")) {
      Process p = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
          Approver.class.getName(), lock.toString(), prefix, String.valueOf(PER_PROCESS))
          .redirectError(dir.resolve(prefix + ".err").toFile())
          .start();
      approvers.add(p);
      outputs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
    }
    try {
      // Both JVMs are up and have loaded everything; release them at once.
      for (BufferedReader out : outputs) {
        assertEquals("ready", out.readLine(), this::errors);
      }
      for (Process p : approvers) {
        OutputStream in = p.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
      }

      // While they write, every read is a whole lock, and approvals only ever grow.
      int reads = 0;
      int seen = 0;
      while (approvers.stream().anyMatch(Process::isAlive) || reads == 0) {
        ApprovalLock read = ApprovalLock.read(lock);
        assertEquals(Set.of(), read.invalidEntries().keySet());
        assertTrue(read.approvals().size() >= seen, "approvals went from " + seen + " to " + read.approvals().size());
        seen = read.approvals().size();
        reads++;
      }
      for (Process p : approvers) {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "approver did not finish");
        assertEquals(0, p.exitValue(), this::errors);
      }
    } finally {
      approvers.forEach(Process::destroyForcibly);
    }

    ApprovalLock result = ApprovalLock.read(lock);
    assertEquals(2 * PER_PROCESS, result.approvals().size(), "lost updates");
    for (Approval approval : result.approvals().values()) {
      assertEquals(Digests.of(approval.descriptor()), approval.digest());
      assertEquals(Set.of(AuthorityLabel.parse("NETWORK:" + approval.descriptor().slug() + ".example")),
          approval.granted());
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(),
          "no temporary file is left");
    }
  }

  /** The child process: says ready, waits for go, approves {@code count} features of its own. */
  public static final class Approver {
    public static void main(String[] args) throws Exception {
      Path lock = Path.of(args[0]);
      int count = Integer.parseInt(args[2]);
      List<FeatureDescriptor> features = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String slug = args[1] + "-" + i;
        features.add(Descriptors.feature(slug).tool("T" + i)
            .authority(AuthorityKind.NETWORK, slug + ".example", false).build());
      }
      // Warm the whole path up on a lock of its own, so both start writing at the same moment.
      FeatureDescriptor warmup = Descriptors.feature("warmup").build();
      ApprovalLock.approve(lock.resolveSibling(args[1] + "-warmup.json"), "user:warmup", Digests.of(warmup), warmup,
          Set.of());
      System.out.println("ready");
      System.out.flush();
      if (!"go".equals(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine())) {
        System.exit(2);
      }
      for (FeatureDescriptor d : features) {
        ApprovalLock.approve(lock, "user:" + d.slug(), Digests.of(d), d, ApprovalLock.requestedLabels(d));
      }
    }
  }

  // ---- Hand-edited locks, through a Pod. ----

  private static final String PLUGIN = """
      package acme.net;
      @Feature(id = "fetch", name = "Fetch", version = "1.0.0")
      @RequiresAuthority(value = AuthorityKind.NETWORK, scope = "api.example.com", reason = "fetches pages")
      @RequiresAuthority(value = AuthorityKind.MODEL_NOTIFICATION, optional = true, reason = "says when a page changed")
      public final class FetchFeature implements FeatureModule {
        public void install(InstallContext c) { c.tools().register(new Fetch()); }
        @ToolContribution(name = "Fetch", description = "Fetches a page", requires = AuthorityKind.NETWORK)
        public static final class Fetch implements Tool<JsonNode> {
          public ToolResult call(JsonNode input, ToolContext context) { return ToolResult.text("page"); }
        }
      }
      """;

  @TempDir static Path shared;
  private static URLClassLoader plugin;
  private static CatalogEntry entry;

  @BeforeAll
  static void compilePlugin() {
    plugin = FeatureCompiler.loader(FeatureCompiler.compile(shared.resolve("fetch"), FeatureCompiler.java(PLUGIN)));
    entry = FeatureCatalog.read(new FeatureLoader(plugin, FeatureSource.PROJECT)).entry("project:fetch").orElseThrow();
  }

  @AfterAll
  static void closePlugin() throws IOException {
    plugin.close();
  }

  /** Ways a person might edit an approval by hand instead of running {@code yoi approve}. */
  enum HandEdit {
    /** Any other digest. */
    DIGEST_REPLACED {
      String apply(String lock, CatalogEntry e) {
        return lock.replace(e.digest(), "sha256:" + "0".repeat(64));
      }
    },
    /** The digest of another feature. */
    DIGEST_OF_ANOTHER_FEATURE {
      String apply(String lock, CatalogEntry e) {
        return lock.replace(e.digest(), Digests.of(Descriptors.feature("other").build()));
      }
    },
    /** One hex digit changed. */
    DIGEST_ONE_DIGIT_OFF {
      String apply(String lock, CatalogEntry e) {
        char last = e.digest().charAt(e.digest().length() - 1);
        return lock.replace(e.digest(), e.digest().substring(0, e.digest().length() - 1) + (last == '0' ? '1' : '0'));
      }
    },
    /** The digest in upper case: the same hash, not the same text. */
    DIGEST_UPPER_CASE {
      String apply(String lock, CatalogEntry e) {
        return lock.replace(e.digest(), "sha256:" + e.digest().substring(7).toUpperCase(java.util.Locale.ROOT));
      }
    },
    /** The recorded descriptor widened (a scope removed) under the old digest. */
    RECORDED_DESCRIPTOR_WIDENED {
      String apply(String lock, CatalogEntry e) {
        return lock.replace("\"scope\": \"api.example.com\"", "\"scope\": \"\"");
      }
    },
    /** The recorded descriptor given one more tool under the old digest. */
    RECORDED_DESCRIPTOR_RENAMED_TOOL {
      String apply(String lock, CatalogEntry e) {
        return lock.replace("\"name\": \"Fetch\"", "\"name\": \"Fetch2\"");
      }
    },
    /** The digest removed. */
    DIGEST_REMOVED {
      String apply(String lock, CatalogEntry e) {
        return lock.replaceAll("\"digest\": \"sha256:[0-9a-f]+\",?", "");
      }
    },
    /** The optional authority left out at approval appended to "granted" (issue 12, item 6). */
    GRANT_ADDED {
      String apply(String lock, CatalogEntry e) {
        return lock.replace("\"granted\": [\n", "\"granted\": [\n          \"MODEL_NOTIFICATION\",\n");
      }
    },
    /** The seal removed, as if the entry had been written by hand. */
    SEAL_REMOVED {
      String apply(String lock, CatalogEntry e) {
        return lock.replaceAll(",\\s*\"seal\": \"sha256:[0-9a-f]+\"", "");
      }
    };

    abstract String apply(String lock, CatalogEntry e);
  }

  @ParameterizedTest
  @EnumSource(HandEdit.class)
  void aHandEditedApprovalGrantsNothingAndThePluginStaysOutOfThePod(HandEdit edit) throws IOException {
    Path lock = dir.resolve("approvals.json");
    approveInUserLock(lock);
    String approved = Files.readString(lock);
    String edited = edit.apply(approved, entry);
    assertFalse(edited.equals(approved), "the edit changed nothing");
    Files.writeString(lock, edited);

    try (Pod pod = podWithUserLock(lock)) {
      InstallReport report = pod.start();

      FeatureReport fetch = report.feature("project:fetch").orElseThrow();
      assertFalse(fetch.installed(), report.toJson());
      assertEquals(List.of(), fetch.granted());
      assertTrue(fetch.hasDiagnostic("yoi/approval-required") || fetch.hasDiagnostic("yoi/descriptor-changed"),
          fetch.diagnostics().toString());
      assertTrue(fetch.diagnostics().get(0).message().contains("yoi approve project:fetch --project-dir "),
          fetch.diagnostics().toString());
      assertEquals(List.of(), pod.toolDefinitions());
      assertTrue(pod.callTool("Fetch", "{}").isError());
    }
  }

  @Test
  void theUneditedApprovalInstallsThePlugin() throws IOException {
    Path lock = dir.resolve("approvals.json");
    approveInUserLock(lock);
    try (Pod pod = podWithUserLock(lock)) {
      InstallReport report = pod.start();

      FeatureReport fetch = report.feature("project:fetch").orElseThrow();
      assertTrue(fetch.installed(), report.toJson());
      assertEquals(List.of("NETWORK:api.example.com"), fetch.granted());
      assertEquals("page", pod.callTool("Fetch", "{}").text());
    }
  }

  /** Approves the plugin for the project in {@code dir}, leaving out its optional authority. */
  private void approveInUserLock(Path lock) throws IOException {
    ApprovalLock.approve(lock, dir, new Approval(entry.id(), entry.digest(), Set.of(AuthorityLabel.parse("NETWORK:api.example.com")),
        entry.descriptor(), ApprovalLock.codeOf(entry)));
  }

  private Pod podWithUserLock(Path lock) {
    PodManifest manifest = new PodManifest(List.of("project:fetch"), List.of(), List.of(), List.of(), Optional.empty());
    return Pod.builder().features(plugin, FeatureSource.PROJECT).manifest(manifest)
        .userApprovals(lock).projectDirectory(dir).build();
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private String errors() {
    StringBuilder out = new StringBuilder();
    for (String prefix : List.of("a", "b")) {
      try {
        out.append(prefix).append(": ").append(Files.readString(dir.resolve(prefix + ".err"))).append('\n');
      } catch (IOException e) {
        out.append(prefix).append(": ").append(e).append('\n');
      }
    }
    return out.toString();
  }
}
