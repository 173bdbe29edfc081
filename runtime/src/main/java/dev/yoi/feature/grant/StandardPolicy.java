package dev.yoi.feature.grant;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.AuthorityRequest;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.ToolDescriptor;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.report.Diagnostics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The default of docs/design.md ("Run time: the registry", step 3): builtins get what they
 * request; plugins what the lock records.
 */
final class StandardPolicy implements AuthorityPolicy {
  private final Optional<Path> lockPath;
  /** The lock as read for one install run; null when every decision reads it afresh. */
  private final LockRead perRun;

  StandardPolicy(Optional<Path> lockPath) {
    this(lockPath, null);
  }

  private StandardPolicy(Optional<Path> lockPath, LockRead perRun) {
    this.lockPath = lockPath;
    this.perRun = perRun;
  }

  /** A policy that reads (and verifies) the lock once, at its first plugin decision. */
  @Override
  public AuthorityPolicy forInstall() {
    return new StandardPolicy(lockPath, new LockRead());
  }

  @Override
  public GrantDecision decide(GrantRequest request) {
    FeatureDescriptor descriptor = request.descriptor();
    if (request.source() == FeatureSource.BUILTIN) {
      return GrantDecision.grant(strings(ApprovalLock.requestedLabels(descriptor)));
    }
    String id = request.featureId();
    if (lockPath.isEmpty()) {
      return GrantDecision.refuse(Diagnostics.error(DiagnosticCode.APPROVAL_REQUIRED, id,
          "feature " + id + " " + summary(request) + " needs an approval, but this Pod has no"
              + " approval lock, so it is not installed. It requests:" + requests(descriptor)
              + "\n  Give the Pod a lock file (Pod.builder().approvals(path), or \"approvals\" in"
              + " the manifest), then approve the feature: "
              + ApprovalLock.approveCommand(id, Path.of(ApprovalLock.FILE_NAME))));
    }
    Path path = lockPath.get();
    String command = ApprovalLock.approveCommand(id, path);
    ApprovalLock lock;
    try {
      lock = perRun != null ? perRun.get(path) : ApprovalLock.read(path);
    } catch (IOException e) {
      return GrantDecision.refuse(Diagnostics.error(DiagnosticCode.APPROVAL_REQUIRED, id,
          "feature " + id + " " + summary(request) + " cannot be checked against the approval lock: "
              + e.getMessage() + ". It is not installed. Fix or delete the lock file, then run: "
              + command));
    }
    String invalid = lock.invalidEntries().get(id);
    if (invalid != null) {
      return GrantDecision.refuse(Diagnostics.error(DiagnosticCode.APPROVAL_REQUIRED, id,
          "feature " + id + " " + summary(request) + ": its entry in the approval lock " + path
              + " grants nothing because " + invalid + ". It is not installed. It requests:"
              + requests(descriptor) + "\n  Review it with `yoi inspect`, then re-approve it: " + command));
    }
    Optional<Approval> approval = lock.approval(id);
    if (approval.isEmpty()) {
      return GrantDecision.refuse(Diagnostics.error(DiagnosticCode.APPROVAL_REQUIRED, id,
          "feature " + id + " " + summary(request) + " is not approved in the lock " + path
              + ", so it is not installed. It requests:" + requests(descriptor)
              + "\n  Review it with `yoi inspect`, then approve it: " + command));
    }
    Approval approved = approval.get();
    if (!approved.digest().equals(request.digest())) {
      DescriptorDiff diff = DescriptorDiff.between(approved.descriptor(), descriptor);
      return GrantDecision.refuse(Diagnostics.error(DiagnosticCode.DESCRIPTOR_CHANGED, id,
          "feature " + id + " changed since it was approved: the lock " + path + " approved digest "
              + approved.digest() + ", the feature now has " + request.digest()
              + ". It is not installed. What changed:" + Diagnostics.lines(diff.lines())
              + "\n  Review the changes, then re-approve it: " + command));
    }
    Set<AuthorityLabel> requested = ApprovalLock.requestedLabels(descriptor);
    return GrantDecision.grant(strings(approved.granted().stream().filter(requested::contains).toList()));
  }

  /** A decision's labels are strings: the form a host's own policy answers in. */
  private static List<String> strings(Collection<AuthorityLabel> labels) {
    return labels.stream().map(AuthorityLabel::toString).toList();
  }

  /** The lock read at most once, or the failure to read it, remembered for the run. */
  private static final class LockRead {
    private ApprovalLock lock;
    private IOException failure;

    synchronized ApprovalLock get(Path path) throws IOException {
      if (lock == null && failure == null) {
        try {
          lock = ApprovalLock.read(path);
        } catch (IOException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return lock;
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
