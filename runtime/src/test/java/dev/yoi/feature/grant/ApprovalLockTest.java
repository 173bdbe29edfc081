package dev.yoi.feature.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.AuthorityLabel;
import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.FeatureDescriptor;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.testing.Descriptors;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalLockTest {
  @TempDir Path dir;

  private static final FeatureDescriptor WEATHER = Descriptors.feature("weather")
      .tool("Forecast")
      .authority(AuthorityKind.NETWORK, "api.weather.example", false)
      .authority(AuthorityKind.MODEL_NOTIFICATION, "", true)
      .build();

  @Test
  void anApprovalIsReadBackWithItsDigestGrantsAndDescriptor() throws Exception {
    Path lock = dir.resolve(ApprovalLock.FILE_NAME);
    ApprovalLock.approve(lock, "project:weather", Digests.of(WEATHER), WEATHER,
        Set.of(AuthorityLabel.parse("NETWORK:api.weather.example")));

    Approval approval = ApprovalLock.read(lock).approval("project:weather").orElseThrow();
    assertEquals(Digests.of(WEATHER), approval.digest());
    assertEquals(Set.of(AuthorityLabel.parse("NETWORK:api.weather.example")), approval.granted());
    assertEquals(WEATHER, approval.descriptor());
  }

  @Test
  void theLockIsSortedIndentedJsonWithAFormatAndTheSameApprovalsGiveTheSameBytes() throws Exception {
    Path lock = dir.resolve(ApprovalLock.FILE_NAME);
    FeatureDescriptor alpha = Descriptors.feature("alpha").build();
    ApprovalLock.approve(lock, "user:weather", Digests.of(WEATHER), WEATHER, ApprovalLock.requestedLabels(WEATHER));
    ApprovalLock.approve(lock, "user:alpha", Digests.of(alpha), alpha, Set.of());
    String first = Files.readString(lock);

    ApprovalLock.approve(lock, "user:alpha", Digests.of(alpha), alpha, Set.of());
    assertEquals(first, Files.readString(lock));

    assertTrue(first.startsWith("{\n  \"features\": {\n    \"user:alpha\": {\n"), first);
    assertTrue(first.endsWith("  \"format\": 2\n}\n"), first);
    assertTrue(first.indexOf("\"user:alpha\"") < first.indexOf("\"user:weather\""));
    assertTrue(first.contains("\"granted\": [\n        \"MODEL_NOTIFICATION\",\n        \"NETWORK:api.weather.example\"\n      ]"), first);
  }

  @Test
  void approvingOneFeatureKeepsEveryOtherEntry() throws Exception {
    Path lock = dir.resolve(ApprovalLock.FILE_NAME);
    FeatureDescriptor alpha = Descriptors.feature("alpha").build();
    ApprovalLock.approve(lock, "user:alpha", Digests.of(alpha), alpha, Set.of());
    ApprovalLock.approve(lock, "project:weather", Digests.of(WEATHER), WEATHER, Set.of());

    assertEquals(Set.of("user:alpha", "project:weather"), ApprovalLock.read(lock).approvals().keySet());
  }

  @Test
  void revokingRemovesOnlyThatEntry() throws Exception {
    Path lock = dir.resolve(ApprovalLock.FILE_NAME);
    FeatureDescriptor alpha = Descriptors.feature("alpha").build();
    ApprovalLock.approve(lock, "user:alpha", Digests.of(alpha), alpha, Set.of());
    ApprovalLock.approve(lock, "project:weather", Digests.of(WEATHER), WEATHER, Set.of());

    assertTrue(ApprovalLock.revoke(lock, "user:alpha"));
    assertFalse(ApprovalLock.revoke(lock, "user:alpha"));
    assertEquals(Set.of("project:weather"), ApprovalLock.read(lock).approvals().keySet());
  }

  @Test
  void aLabelTheFeatureDoesNotRequestCannotBeApproved() {
    Path lock = dir.resolve(ApprovalLock.FILE_NAME);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApprovalLock.approve(
        lock, "project:weather", Digests.of(WEATHER), WEATHER, Set.of(AuthorityLabel.parse("FILESYSTEM"))));
    assertTrue(e.getMessage().contains("does not request [FILESYSTEM]"), e.getMessage());
    assertFalse(Files.exists(lock));
  }

  @Test
  void anEntryWhoseDigestWasEditedByHandGrantsNothing() throws Exception {
    Path lock = dir.resolve(ApprovalLock.FILE_NAME);
    ApprovalLock.approve(lock, "project:weather", Digests.of(WEATHER), WEATHER, ApprovalLock.requestedLabels(WEATHER));
    String text = Files.readString(lock).replace(Digests.of(WEATHER), "sha256:" + "ab".repeat(32));
    Files.writeString(lock, text);

    ApprovalLock read = ApprovalLock.read(lock);
    assertTrue(read.approval("project:weather").isEmpty());
    assertTrue(read.invalidEntries().get("project:weather").contains("edited by hand"),
        read.invalidEntries().toString());
  }

  @Test
  void aLabelAppendedByHandToAnEntrysGrantsGrantsNothingAndSaysTheEntryWasEdited() throws Exception {
    Path lock = dir.resolve(ApprovalLock.FILE_NAME);
    ApprovalLock.approve(lock, "project:weather", Digests.of(WEATHER), WEATHER, Set.of(AuthorityLabel.parse("NETWORK:api.weather.example")));
    // The optional MODEL_NOTIFICATION was left out; someone adds it to "granted" by hand.
    Files.writeString(lock, Files.readString(lock).replace("\"granted\": [\n        \"NETWORK",
        "\"granted\": [\n        \"MODEL_NOTIFICATION\",\n        \"NETWORK"));
    assertTrue(Files.readString(lock).contains("\"MODEL_NOTIFICATION\",\n        \"NETWORK"), "the edit took");

    ApprovalLock read = ApprovalLock.read(lock);

    assertTrue(read.approval("project:weather").isEmpty());
    String why = read.invalidEntries().get("project:weather");
    assertTrue(why.contains("seal does not match") && why.contains("edited by hand"), why);
  }

  @Test
  void projectFeaturesAreKeptPerProjectUnderTheProjectsCanonicalPath() throws Exception {
    Path lock = dir.resolve("approvals.json");
    Path project = Files.createDirectories(dir.resolve("src/weather-app"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), project);
    ApprovalLock.approve(lock, link, new Approval("project:weather", Digests.of(WEATHER),
        Set.of(AuthorityLabel.parse("NETWORK:api.weather.example")), WEATHER));

    ApprovalLock read = ApprovalLock.read(lock);

    assertTrue(read.approval(project, "project:weather").isPresent(), "the same directory, by its real path");
    assertTrue(read.approval(dir.resolve("src/other-app"), "project:weather").isEmpty());
    assertTrue(read.approval("project:weather").isEmpty(), "not approved for every project");
    assertTrue(Files.readString(lock).contains("\"projects\": {\n    \"" + project.toRealPath() + "\": {"),
        Files.readString(lock));
  }

  @Test
  void anEntryCopiedByHandToAnotherProjectGrantsNothingThere() throws Exception {
    Path lock = dir.resolve("approvals.json");
    Path approved = Files.createDirectories(dir.resolve("approved"));
    Path other = Files.createDirectories(dir.resolve("other"));
    ApprovalLock.approve(lock, approved, new Approval("project:weather", Digests.of(WEATHER), Set.of(), WEATHER));
    Files.writeString(lock, Files.readString(lock).replace(approved.toRealPath().toString(), other.toRealPath().toString()));

    ApprovalLock read = ApprovalLock.read(lock);

    assertTrue(read.approval(other, "project:weather").isEmpty());
    assertTrue(read.invalidEntries(other).get("project:weather").contains("edited by hand"),
        read.invalidEntries(other).toString());
  }

  @Test
  void aLockOfTheEarlierFormatIsRefusedSayingWhatToDo() throws Exception {
    Path lock = dir.resolve(ApprovalLock.FILE_NAME);
    Files.writeString(lock, "{\"features\": {}, \"format\": 1}\n");

    LockFileException e = assertThrows(LockFileException.class, () -> ApprovalLock.read(lock));

    assertTrue(e.getMessage().contains("has format 1; this version reads format 2"), e.getMessage());
    assertTrue(e.getMessage().contains("delete it and approve the features again"), e.getMessage());
  }

  @Test
  void aLockThatIsNotJsonIsNeitherReadNorOverwritten() throws Exception {
    Path lock = dir.resolve(ApprovalLock.FILE_NAME);
    Files.writeString(lock, "{ oops");

    assertThrows(LockFileException.class, () -> ApprovalLock.read(lock));
    assertThrows(LockFileException.class, () -> ApprovalLock.approve(
        lock, "project:weather", Digests.of(WEATHER), WEATHER, Set.of()));
    assertEquals("{ oops", Files.readString(lock));
  }

  @Test
  void concurrentApprovalsFromManyThreadsLoseNoUpdate() throws Exception {
    Path lock = dir.resolve(ApprovalLock.FILE_NAME);
    int writers = 8;
    int each = 10;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < each; i++) {
          FeatureDescriptor d = Descriptors.feature("f" + writer + "-" + i).build();
          ApprovalLock.approve(lock, "user:" + d.slug(), Digests.of(d), d, Set.of());
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertEquals(writers * each, ApprovalLock.read(lock).approvals().size());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(ApprovalLock.FILE_NAME),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary or guard file is left");
    }
  }

  @Test
  void concurrentApprovalsFromTwoProcessesLoseNoUpdate() throws Exception {
    Path lock = dir.resolve(ApprovalLock.FILE_NAME);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    List<Process> processes = new ArrayList<>();
    for (String prefix : List.of("a", "b")) {
      processes.add(new ProcessBuilder(java, "-cp", classpath, ApproveMany.class.getName(),
          lock.toString(), prefix, "15")
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve(prefix + ".log").toFile())
          .start());
    }
    for (Process process : processes) {
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "approver did not finish");
      assertEquals(0, process.exitValue(), () -> logs());
    }

    assertEquals(30, ApprovalLock.read(lock).approvals().size());
    // Each write deletes its guard while holding it; the other process then retries on a new one.
    assertFalse(Files.exists(dir.resolve(ApprovalLock.FILE_NAME + ".lck")), "the guard file is left behind");
  }

  private String logs() {
    StringBuilder out = new StringBuilder();
    for (File f : dir.toFile().listFiles((d, n) -> n.endsWith(".log"))) {
      try {
        out.append(Files.readString(f.toPath(), StandardCharsets.UTF_8));
      } catch (Exception e) {
        out.append(e);
      }
    }
    return out.toString();
  }

  @Test
  void theApproveCommandNamesTheFeatureAndTheLock() {
    assertEquals("yoi approve project:weather --lock /p/features.lock.json",
        ApprovalLock.approveCommand("project:weather", Path.of("/p/features.lock.json")));
  }

  /** A second process for the cross-process test: approves {@code count} features one by one. */
  public static final class ApproveMany {
    public static void main(String[] args) throws Exception {
      Path lock = Path.of(args[0]);
      for (int i = 0; i < Integer.parseInt(args[2]); i++) {
        FeatureDescriptor d = Descriptors.feature(args[1] + "-" + i).build();
        ApprovalLock.approve(lock, "user:" + d.slug(), Digests.of(d), d, Set.of());
      }
    }
  }
}
