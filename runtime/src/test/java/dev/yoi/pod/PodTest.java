package dev.yoi.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.Diagnostic;
import dev.yoi.pod.history.History;
import dev.yoi.pod.history.HistoryEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Pod does before and around start; installing features is tested end to end elsewhere. */
class PodTest {
  @TempDir Path directory;

  @Test
  void anInvalidManifestFailsTheBuildNamingTheField() throws IOException {
    Path manifest = Files.writeString(directory.resolve("pod.json"), "{\"feature\": {}}");

    ManifestException e = assertThrows(ManifestException.class,
        () -> Pod.builder().manifest(manifest).build());

    assertTrue(e.getMessage().contains("unknown field \"feature\""), e.getMessage());
  }

  @Test
  void toolsAndTurnsNeedAStartedPod() {
    try (Pod pod = Pod.builder().build()) {
      assertThrows(IllegalStateException.class, () -> pod.callTool("TaskList", "{}"));
      assertThrows(IllegalStateException.class, () -> pod.runTurn("hi"));
    }
  }

  @Test
  void aRepairedHistoryIsReportedOnTheDiagnosticsStreamWhenThePodIsBuilt() throws IOException {
    Path historyDirectory = directory.resolve("history");
    try (History history = History.open(historyDirectory)) {
      history.append(new HistoryEntry.UserMessage("before the crash"));
    }
    Files.writeString(historyDirectory.resolve(History.FILE_NAME), "{\"type\":", StandardOpenOption.APPEND);
    List<Diagnostic> seen = new ArrayList<>();

    try (Pod pod = Pod.builder().history(historyDirectory).diagnostics(seen::add).build()) {
      assertEquals(List.of(new HistoryEntry.UserMessage("before the crash")), pod.history());
      assertEquals(1, seen.size());
      assertEquals("yoi/history-recovered", seen.get(0).code());
      assertEquals(seen, pod.diagnostics());
    }
  }

  @Test
  void closeReleasesTheHistorySoAnotherPodCanOpenIt() {
    Path historyDirectory = directory.resolve("history");
    Pod first = Pod.builder().history(historyDirectory).build();
    assertThrows(IllegalStateException.class, () -> Pod.builder().history(historyDirectory).build());

    first.close();
    first.close();

    Pod.builder().history(historyDirectory).build().close();
  }

  @Test
  void aClosedPodCannotStart() {
    Pod pod = Pod.builder().build();
    pod.close();
    assertThrows(IllegalStateException.class, pod::start);
  }
}
