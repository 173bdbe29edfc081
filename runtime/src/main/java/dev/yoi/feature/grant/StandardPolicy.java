package dev.yoi.feature.grant;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.catalog.PluginCode;
import dev.yoi.feature.report.Diagnostics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The default of docs/design.md ("Run time: the registry", step 3): features built as builtins and
 * loaded by the host get what they request; plugins what a lock the Pod trusts records for their
 * id and digest (the person's own lock, and the project's lock only when the host trusts it; see
 * {@link ApprovalSettings}), and with a code pin, for their code too.
 */
final class StandardPolicy implements AuthorityPolicy {
  private final ApprovalSettings settings;
  /** The locks and code digests as read for one install run; null when every decision reads afresh. */
  private final Run perRun;

  StandardPolicy(ApprovalSettings settings) {
    this(settings, null);
  }

  private StandardPolicy(ApprovalSettings settings, Run perRun) {
    this.settings = settings;
    this.perRun = perRun;
  }

  /** A policy that reads (and verifies) each lock once, at its first plugin decision. */
  @Override
  public AuthorityPolicy forInstall() {
    return new StandardPolicy(settings, new Run());
  }

  /** A lock whose entries approve, and where in it this feature's entry is. */
  private record Source(Path lock, Optional<Path> project, boolean userLock) {
    /** "the approval lock L" or "your approval lock L for project P". */
    String describe() {
      return userLock ? "your approval lock " + lock + project.map(p -> " for project "
          + ApprovalLock.projectKey(p)).orElse("") : "the approval lock " + lock;
    }

    Optional<Approval> approval(ApprovalLock read, String id) {
      return project.isPresent() ? read.approval(project.get(), id) : read.approval(id);
    }

    Optional<String> invalid(ApprovalLock read, String id) {
      return Optional.ofNullable((project.isPresent() ? read.invalidEntries(project.get()) : read.invalidEntries()).get(id));
    }
  }

  @Override
  public GrantDecision decide(GrantRequest request) {
    FeatureDescriptor descriptor = request.descriptor();
    String id = request.featureId();
    if (request.source() == FeatureSource.BUILTIN) {
      if (descriptor.runtime() != RuntimeKind.BUILTIN) {
        return GrantDecision.refuse(Diagnostics.error(DiagnosticCode.APPROVAL_REQUIRED, id,
            "feature " + id + " declares runtime " + descriptor.runtime().wireName() + ", but it was found"
                + " on the host's own class path, where only features built as builtins (runtime builtin)"
                + " get what they request without an approval. A plugin does not become builtin by where"
                + " its jar is put: it is not installed and is granted nothing. It requests:"
                + requests(descriptor) + "\n  Load it through a plugin class loader (plugins/project or"
                + " plugins/user; Pod.builder().features(loader, FeatureSource.PROJECT)) and approve it,"
                + " or, if it is part of the host, build it with -Ayoi.runtime=builtin."));
      }
      return GrantDecision.grant(strings(ApprovalLock.requestedLabels(descriptor)));
    }
    List<Source> sources = sources(request.source());
    if (sources.isEmpty()) {
      return GrantDecision.refuse(Diagnostics.error(DiagnosticCode.APPROVAL_REQUIRED, id,
          "feature " + id + " " + summary(request) + " needs an approval, but this Pod has no"
              + " approval lock it trusts, so it is not installed. It requests:" + requests(descriptor)
              + shippedLockNote(request) + "\n  Approve it into your own lock (yoi approve writes "
              + ApprovalSettings.defaultUserLock() + ", which a Pod reads by default): "
              + ApprovalLock.approveCommand(id, projectOf(request.source()), ApprovalSettings.defaultUserLock())));
    }
    String command = command(request);
    List<ApprovalLock> locks = new ArrayList<>();
    for (Source source : sources) {
      try {
        locks.add(perRun != null ? perRun.lock(source.lock()) : ApprovalLock.read(source.lock()));
      } catch (IOException e) {
        return GrantDecision.refuse(Diagnostics.error(DiagnosticCode.APPROVAL_REQUIRED, id,
            "feature " + id + " " + summary(request) + " cannot be checked against "
                + source.describe() + ": " + e.getMessage() + ". It is not installed. Fix or delete the"
                + " lock file, then run: " + command));
      }
    }
    for (int i = 0; i < sources.size(); i++) {
      Optional<Approval> approval = sources.get(i).approval(locks.get(i), id);
      if (approval.isPresent() && approval.get().digest().equals(request.digest())) {
        return granted(request, approval.get(), sources.get(i), command);
      }
    }
    for (int i = 0; i < sources.size(); i++) {
      Optional<String> invalid = sources.get(i).invalid(locks.get(i), id);
      if (invalid.isPresent()) {
        return GrantDecision.refuse(Diagnostics.error(DiagnosticCode.APPROVAL_REQUIRED, id,
            "feature " + id + " " + summary(request) + ": its entry in " + sources.get(i).describe()
                + " grants nothing because " + invalid.get() + ". It is not installed. It requests:"
                + requests(descriptor) + "\n  Review it with `yoi inspect`, then re-approve it: " + command));
      }
    }
    for (int i = 0; i < sources.size(); i++) {
      Optional<Approval> approval = sources.get(i).approval(locks.get(i), id);
      if (approval.isPresent()) {
        Approval approved = approval.get();
        DescriptorDiff diff = DescriptorDiff.between(approved.descriptor(), descriptor);
        return GrantDecision.refuse(Diagnostics.error(DiagnosticCode.DESCRIPTOR_CHANGED, id,
            "feature " + id + " changed since it was approved: " + sources.get(i).describe()
                + " approved digest " + approved.digest() + ", the feature now has " + request.digest()
                + ". It is not installed. What changed:" + Diagnostics.lines(diff.lines())
                + "\n  Review the changes, then re-approve it: " + command));
      }
    }
    return GrantDecision.refuse(Diagnostics.error(DiagnosticCode.APPROVAL_REQUIRED, id,
        "feature " + id + " " + summary(request) + " is not approved in " + sources.get(0).describe()
            + ", so it is not installed. It requests:" + requests(descriptor) + shippedLockNote(request)
            + "\n  Review it with `yoi inspect`, then approve it: " + command));
  }

  /** The locks that may approve a feature of {@code source}: the person's own first, then a trusted project lock. */
  private List<Source> sources(FeatureSource source) {
    List<Source> sources = new ArrayList<>();
    settings.userLock().ifPresent(lock -> sources.add(new Source(lock, projectOf(source), true)));
    if (settings.projectLockApproves()) {
      sources.add(new Source(settings.projectLock().get(), Optional.empty(), false));
    }
    return sources;
  }

  private Optional<Path> projectOf(FeatureSource source) {
    return source == FeatureSource.PROJECT ? Optional.of(settings.projectDirectory()) : Optional.empty();
  }

  /** The command that approves the feature where this Pod will look first. */
  private String command(GrantRequest request) {
    if (settings.userLock().isPresent()) {
      return ApprovalLock.approveCommand(request.featureId(), projectOf(request.source()), settings.userLock().get());
    }
    return ApprovalLock.approveCommand(request.featureId(), settings.projectLock().orElseThrow());
  }

  /** Approved at this digest: the grants, or {@code yoi/code-changed} when code is pinned and differs. */
  private GrantDecision granted(GrantRequest request, Approval approved, Source source, String command) {
    String id = request.featureId();
    if (settings.pinCode()) {
      Optional<String> refusal = codePinRefusal(request, approved, source, command);
      if (refusal.isPresent()) {
        return GrantDecision.refuse(Diagnostics.error(DiagnosticCode.CODE_CHANGED, id, refusal.get()));
      }
    }
    Set<AuthorityLabel> requested = ApprovalLock.requestedLabels(request.descriptor());
    return GrantDecision.grant(strings(approved.granted().stream().filter(requested::contains).toList()));
  }

  /** A decision's labels are strings: the form a host's own policy answers in. */
  private static List<String> strings(Collection<AuthorityLabel> labels) {
    List<String> out = new ArrayList<>(labels.size());
    for (AuthorityLabel label : labels) {
      out.add(label.toString());
    }
    return out;
  }

  private Optional<String> codePinRefusal(GrantRequest request, Approval approved, Source source, String command) {
    String head = "feature " + request.featureId() + " " + summary(request) + ": ";
    String approvedBy = "Its declarations are the ones " + source.describe() + " approved, but this Pod pins"
        + " code as well";
    if (request.code().isEmpty()) {
      return Optional.of(head + "its code cannot be pinned. " + approvedBy + ", and its class loader is not a"
          + " jar or a class directory. It is not installed. Load it from a jar or a class directory, or"
          + " start the Pod without pinning code.");
    }
    Path root = request.code().get();
    String current;
    try {
      current = perRun != null ? perRun.code(root) : PluginCode.digest(root);
    } catch (IOException e) {
      return Optional.of(head + "its code cannot be read. " + approvedBy + ", and " + root + " cannot be read ("
          + e.getMessage() + "). It is not installed. Check the plugin file, then start the Pod again.");
    }
    if (approved.code().isEmpty()) {
      return Optional.of(head + "no code was pinned. " + approvedBy + ", and the approval records no code"
          + " (it was approved without it). It is not installed. Re-approve it, which records the SHA-256"
          + " of " + root + " (now " + current + "): " + command);
    }
    if (!approved.code().get().equals(current)) {
      return Optional.of(head + "same declarations, new code. " + approvedBy + ", and the code is new: "
          + root + " hashes to " + current + "; the approval pinned " + approved.code().get() + ". It is not"
          + " installed. The declarations (tools, schemas, hooks, tasks, services, authorities) are"
          + " unchanged; the code that runs them is not. If you trust the new build, re-approve it: " + command);
    }
    return Optional.empty();
  }

  /**
   * A sentence on the project's own lock when it is there but not trusted and approves this
   * feature: why that does not count, and what does.
   */
  private String shippedLockNote(GrantRequest request) {
    if (settings.trustProjectLock() || settings.projectLock().isEmpty()
        || request.source() == FeatureSource.BUILTIN) {
      return "";
    }
    Path lock = settings.projectLock().get();
    Optional<Approval> shipped;
    try {
      shipped = (perRun != null ? perRun.lock(lock) : ApprovalLock.read(lock)).approval(request.featureId());
    } catch (IOException e) {
      return "";
    }
    if (shipped.isEmpty()) {
      return "";
    }
    return "\n  The project's lock " + lock + " approves it" + (shipped.get().digest().equals(request.digest())
        ? "" : " at another digest") + ", but a lock that comes with the project is not trusted: whoever"
        + " can change the project can write it. (A host that trusts it, such as CI on a reviewed"
        + " commit, sets Pod.builder().trustProjectLock(true), or passes --trust-project-lock.)";
  }

  /** The locks and code digests read at most once each, or the failure to read them, for the run. */
  private static final class Run {
    private final Map<Path, ApprovalLock> locks = new HashMap<>();
    private final Map<Path, IOException> lockFailures = new HashMap<>();
    private final Map<Path, String> codes = new HashMap<>();
    private final Map<Path, IOException> codeFailures = new HashMap<>();

    synchronized ApprovalLock lock(Path path) throws IOException {
      if (!locks.containsKey(path) && !lockFailures.containsKey(path)) {
        try {
          locks.put(path, ApprovalLock.read(path));
        } catch (IOException e) {
          lockFailures.put(path, e);
        }
      }
      if (lockFailures.containsKey(path)) {
        throw lockFailures.get(path);
      }
      return locks.get(path);
    }

    synchronized String code(Path root) throws IOException {
      if (!codes.containsKey(root) && !codeFailures.containsKey(root)) {
        try {
          codes.put(root, PluginCode.digest(root));
        } catch (IOException e) {
          codeFailures.put(root, e);
        }
      }
      if (codeFailures.containsKey(root)) {
        throw codeFailures.get(root);
      }
      return codes.get(root);
    }
  }

  private static String summary(GrantRequest request) {
    return request.descriptor().version() + " (" + Digests.abbreviate(request.digest()) + ")";
  }

  private static String requests(FeatureDescriptor descriptor) {
    List<String> lines = new ArrayList<>();
    for (AuthorityRequest request : descriptor.authorities()) {
      lines.add(request.label() + " (" + (request.optional() ? "optional" : "required") + "): "
          + request.reason());
    }
    if (lines.isEmpty()) {
      lines.add("no authorities");
    }
    List<String> tools = descriptor.tools().stream().map(ToolDescriptor::name).toList();
    if (!tools.isEmpty()) {
      lines.add("tools: " + String.join(", ", tools));
    }
    return Diagnostics.lines(lines);
  }
}
