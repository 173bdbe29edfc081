package dev.yoi.feature.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.descriptor.RuntimeKind;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.FeatureSource;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.testing.Descriptors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandardPolicyTest {
  @TempDir Path dir;

  private static final FeatureDescriptor V1 = Descriptors.feature("weather")
      .tool("Forecast")
      .authority(AuthorityKind.NETWORK, "api.weather.example", false)
      .authority(AuthorityKind.MODEL_NOTIFICATION, "", true)
      .build();

  private static GrantRequest request(FeatureSource source, FeatureDescriptor descriptor) {
    return new GrantRequest(source.qualify(descriptor.slug()), source, Digests.of(descriptor), descriptor);
  }

  private static final FeatureDescriptor BUILTIN_V1 = Descriptors.feature("weather")
      .runtime(RuntimeKind.BUILTIN)
      .tool("Forecast")
      .authority(AuthorityKind.NETWORK, "api.weather.example", false)
      .authority(AuthorityKind.MODEL_NOTIFICATION, "", true)
      .build();

  @Test
  void builtinFeaturesGetEverythingTheyRequestWithoutALock() {
    GrantDecision decision = AuthorityPolicy.standard(Optional.empty()).decide(request(FeatureSource.BUILTIN, BUILTIN_V1));

    assertTrue(decision.approved());
    assertEquals(Set.of("MODEL_NOTIFICATION", "NETWORK:api.weather.example"), decision.granted());
  }

  @Test
  void aPluginSeenThroughTheHostsOwnLoaderIsRefusedNotGrantedEverything() {
    // V1 was built as a plugin (runtime jvm_plugin); its jar was put on the host's class path.
    GrantDecision decision = AuthorityPolicy.standard(Optional.empty()).decide(request(FeatureSource.BUILTIN, V1));

    assertFalse(decision.approved());
    assertEquals(Set.of(), decision.granted());
    Diagnostic why = decision.diagnostics().get(0);
    assertEquals("yoi/approval-required", why.code());
    assertTrue(why.message().contains("feature builtin:weather declares runtime jvm_plugin, but it was found"
        + " on the host's own class path"), why.message());
    assertTrue(why.message().contains("A plugin does not become builtin by where its jar is put"), why.message());
  }

  @Test
  void aProjectsOwnLockApprovesNothingUnlessTheHostTrustsIt() throws Exception {
    Path project = Files.createDirectories(dir.resolve("repo"));
    Path shipped = project.resolve("features.lock.json");
    Path mine = dir.resolve("home/.yoi/approvals.json");
    ApprovalLock.approve(shipped, "project:weather", Digests.of(V1), V1, ApprovalLock.requestedLabels(V1));

    GrantDecision untrusted = AuthorityPolicy.standard(new ApprovalSettings(
        Optional.of(mine), project, Optional.of(shipped), false, false)).decide(request(FeatureSource.PROJECT, V1));
    GrantDecision trusted = AuthorityPolicy.standard(new ApprovalSettings(
        Optional.of(mine), project, Optional.of(shipped), true, false)).decide(request(FeatureSource.PROJECT, V1));

    assertFalse(untrusted.approved());
    String message = untrusted.diagnostics().get(0).message();
    assertEquals("yoi/approval-required", untrusted.diagnostics().get(0).code());
    assertTrue(message.contains("is not approved in your approval lock " + mine + " for project "
        + project.toRealPath()), message);
    assertTrue(message.contains("The project's lock " + shipped + " approves it, but a lock that comes with"
        + " the project is not trusted"), message);
    assertTrue(message.endsWith("approve it: yoi approve project:weather --project-dir " + project.toRealPath()
        + " --user-lock " + mine), message);
    assertTrue(trusted.approved());
    assertEquals(Set.of("MODEL_NOTIFICATION", "NETWORK:api.weather.example"), trusted.granted());
  }

  @Test
  void aProjectFeaturesApprovalInTheUserLockHoldsForThatProjectOnly() throws Exception {
    Path approvedProject = Files.createDirectories(dir.resolve("checkout-a"));
    Path otherProject = Files.createDirectories(dir.resolve("checkout-b"));
    Path mine = dir.resolve("approvals.json");
    ApprovalLock.approve(mine, approvedProject, new Approval("project:weather", Digests.of(V1),
        Set.of(AuthorityLabel.parse("NETWORK:api.weather.example")), V1));

    GrantDecision there = AuthorityPolicy.standard(new ApprovalSettings(
        Optional.of(mine), approvedProject, Optional.empty(), false, false)).decide(request(FeatureSource.PROJECT, V1));
    GrantDecision elsewhere = AuthorityPolicy.standard(new ApprovalSettings(
        Optional.of(mine), otherProject, Optional.empty(), false, false)).decide(request(FeatureSource.PROJECT, V1));

    assertTrue(there.approved());
    assertEquals(Set.of("NETWORK:api.weather.example"), there.granted());
    assertFalse(elsewhere.approved());
    assertEquals("yoi/approval-required", elsewhere.diagnostics().get(0).code());
  }

  @Test
  void aUserFeatureIsApprovedOnceInTheUserLockForEveryProject() throws Exception {
    Path mine = dir.resolve("approvals.json");
    ApprovalLock.approve(mine, "user:weather", Digests.of(V1), V1, Set.of(AuthorityLabel.parse("NETWORK:api.weather.example")));

    for (String project : new String[] {"a", "b"}) {
      GrantDecision decision = AuthorityPolicy.standard(new ApprovalSettings(Optional.of(mine),
          dir.resolve(project), Optional.empty(), false, false)).decide(request(FeatureSource.USER, V1));
      assertTrue(decision.approved(), project);
    }
  }

  @Test
  void aPluginWithNoEntryNeedsApprovalAndIsToldTheCommand() {
    Path lock = dir.resolve("features.lock.json");
    GrantDecision decision = AuthorityPolicy.standard(lock).decide(request(FeatureSource.PROJECT, V1));

    assertFalse(decision.approved());
    Diagnostic why = decision.diagnostics().get(0);
    assertEquals("yoi/approval-required", why.code());
    assertEquals("project:weather", why.featureId());
    assertTrue(why.message().contains("NETWORK:api.weather.example (required): because NETWORK"), why.message());
    assertTrue(why.message().endsWith("yoi approve project:weather --lock " + lock), why.message());
  }

  @Test
  void aPluginGetsExactlyWhatTheLockRecordsForItsIdAndDigest() throws Exception {
    Path lock = dir.resolve("features.lock.json");
    ApprovalLock.approve(lock, "project:weather", Digests.of(V1), V1, Set.of(AuthorityLabel.parse("NETWORK:api.weather.example")));

    GrantDecision decision = AuthorityPolicy.standard(lock).decide(request(FeatureSource.PROJECT, V1));

    assertTrue(decision.approved());
    assertEquals(Set.of("NETWORK:api.weather.example"), decision.granted());
  }

  @Test
  void anApprovalForOneSourceDoesNotApproveTheSameSlugFromAnother() throws Exception {
    Path lock = dir.resolve("features.lock.json");
    ApprovalLock.approve(lock, "project:weather", Digests.of(V1), V1, ApprovalLock.requestedLabels(V1));

    GrantDecision decision = AuthorityPolicy.standard(lock).decide(request(FeatureSource.USER, V1));

    assertFalse(decision.approved());
    assertEquals("yoi/approval-required", decision.diagnostics().get(0).code());
  }

  @Test
  void aChangedDigestIsDescriptorChangedWithTheExactDifferenceAndTheReapproveCommand() throws Exception {
    Path lock = dir.resolve("features.lock.json");
    ApprovalLock.approve(lock, "user:weather", Digests.of(V1), V1, ApprovalLock.requestedLabels(V1));
    FeatureDescriptor v2 = Descriptors.feature("weather")
        .tool("Forecast")
        .tool("Delete")
        .authority(AuthorityKind.NETWORK, "", false)
        .authority(AuthorityKind.MODEL_NOTIFICATION, "", true)
        .build();

    GrantDecision decision = AuthorityPolicy.standard(lock).decide(request(FeatureSource.USER, v2));

    assertFalse(decision.approved());
    assertEquals(Set.of(), decision.granted());
    Diagnostic changed = decision.diagnostics().get(0);
    assertEquals("yoi/descriptor-changed", changed.code());
    String message = changed.message();
    assertTrue(message.contains("approved digest " + Digests.of(V1)), message);
    assertTrue(message.contains("now has " + Digests.of(v2)), message);
    assertTrue(message.contains("\n    + tool \"Delete\" "), message);
    assertTrue(message.contains("\n    - authority NETWORK:api.weather.example"), message);
    assertTrue(message.contains("\n    ! authority NETWORK (required, reason \"because NETWORK\") widens"
        + " NETWORK:api.weather.example to all of NETWORK"), message);
    assertFalse(message.contains("Forecast"), "an unchanged tool is not listed: " + message);
    assertTrue(message.endsWith("re-approve it: yoi approve user:weather --lock " + lock), message);
  }

  @Test
  void aHandEditedEntryGrantsNothingEvenWhenItsDigestMatchesTheFeature() throws Exception {
    Path lock = dir.resolve("features.lock.json");
    FeatureDescriptor v2 = Descriptors.feature("weather").tool("Forecast").tool("Delete")
        .authority(AuthorityKind.NETWORK, "api.weather.example", false).build();
    ApprovalLock.approve(lock, "user:weather", Digests.of(V1), V1, ApprovalLock.requestedLabels(V1));
    // Someone pastes the new digest in instead of approving the new descriptor.
    Files.writeString(lock, Files.readString(lock).replace(Digests.of(V1), Digests.of(v2)));

    GrantDecision decision = AuthorityPolicy.standard(lock).decide(request(FeatureSource.USER, v2));

    assertFalse(decision.approved());
    assertEquals(Set.of(), decision.granted());
    assertEquals("yoi/approval-required", decision.diagnostics().get(0).code());
    assertTrue(decision.diagnostics().get(0).message().contains("edited by hand"),
        decision.diagnostics().get(0).message());
  }

  @Test
  void withoutALockConfiguredNoPluginIsApproved() {
    GrantDecision decision = AuthorityPolicy.standard(Optional.empty()).decide(request(FeatureSource.USER, V1));

    assertFalse(decision.approved());
    assertEquals("yoi/approval-required", decision.diagnostics().get(0).code());
    assertTrue(decision.diagnostics().get(0).message().contains("no approval lock"));
  }
}
