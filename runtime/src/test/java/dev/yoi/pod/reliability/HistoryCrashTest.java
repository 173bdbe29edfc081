package dev.yoi.pod.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.feature.reliability.Figures;
import dev.yoi.feature.reliability.Soak;
import dev.yoi.pod.history.History;
import dev.yoi.pod.history.HistoryEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6.6: a child JVM appends to a durable history and is killed with SIGKILL at a random point
 * (while opening and repairing it, between appends, in the middle of a large one), again and again
 * on the same file. After every kill the history reopens: every append the child acknowledged
 * (printed after {@code append} returned) is there, exactly as written and in order; nothing is
 * corrupt; a torn last line is truncated and reported; a call the child left without a result gets
 * the one interrupted result. Every third round, a half-written entry is also left at the end, as a
 * write cut short by the OS would. CI: 20 kills; soak: 150.
 *
 * <p>The child writes groups of four entries per sequence number {@code s}: a user message (s % 4 ==
 * 0), an assistant message (1), a tool call {@code c<s>} (2) and its result (3), each padded to a
 * length drawn from {@code s}, up to 256 KiB, so the parent can rebuild every expected entry.
 */
class HistoryCrashTest {
  private static final int KILLS = Soak.count(20, 150);

  @TempDir Path dir;

  @Test
  void everyAcknowledgedAppendSurvivesSigkillAndTheTornTailIsRecovered() throws Exception {
    Random random = new Random(0x5EED_6L);
    Path history = dir.resolve("history");
    long next = 0;
    int tornByKill = 0;
    int tornLeftByTest = 0;
    int interrupted = 0;
    long acknowledged = 0;
    for (int round = 0; round < KILLS; round++) {
      TreeSet<Long> acked = new TreeSet<>();
      Process child = new ProcessBuilder(javaBin(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
          "-cp", System.getProperty("java.class.path"), Appender.class.getName(), history.toString(),
          String.valueOf(next))
          .redirectError(dir.resolve("child.err").toFile())
          .start();
      int killAfter = random.nextInt(40); // acknowledged appends before the kill; 0: while it opens
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while (acked.size() < killAfter && (line = out.readLine()) != null) {
          if (line.startsWith("ack ")) {
            acked.add(Long.parseLong(line.substring(4)));
          }
        }
        child.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it leaves the pipe readable
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not die");
        while ((line = out.readLine()) != null) { // acknowledgements it printed before it died
          if (line.startsWith("ack ")) {
            acked.add(Long.parseLong(line.substring(4)));
          }
        }
      }
      assertTrue(acked.size() >= killAfter, () -> "the child acknowledged too little: " + errors());
      acknowledged += acked.size();
      if (round % 3 == 2) {
        leaveAHalfWrittenEntry(history.resolve(History.FILE_NAME), next + acked.size() + 7, random);
      }

      try (History reopened = History.open(history)) {
        boolean torn = reopened.recoveryDiagnostics().stream().anyMatch(d -> d.message().contains("torn line"));
        if (round % 3 == 2) {
          assertTrue(torn, "the half-written entry was not reported: " + reopened.recoveryDiagnostics());
          tornLeftByTest++;
        } else if (torn) {
          tornByKill++;
        }
        Check check = check(reopened.entries(), acked);
        interrupted = check.interrupted(); // in the whole file so far
        next = (check.lastSeq() / 4 + 1) * 4; // the next child starts a new group
      }
    }
    Figures.report("history.sigkill.kills", KILLS);
    Figures.report("history.sigkill.acknowledgedAppends", acknowledged);
    Figures.report("history.sigkill.tornTailsRecovered.cutByTheKill", tornByKill);
    Figures.report("history.sigkill.tornTailsRecovered.leftByTheTest", tornLeftByTest);
    Figures.report("history.sigkill.interruptedCallsAnswered", interrupted);
  }

  /** What one reopened history held. */
  record Check(long lastSeq, int interrupted) {}

  /**
   * Every entry is the one its sequence number says, in order, each once; every acknowledged one is
   * there; every call has one result (an interrupted one only if its own was never acknowledged).
   */
  private static Check check(List<HistoryEntry> entries, TreeSet<Long> acked) {
    TreeSet<Long> present = new TreeSet<>();
    long last = -1;
    int interrupted = 0;
    for (HistoryEntry entry : entries) {
      if (entry instanceof HistoryEntry.ToolResult r && r.text().equals(History.INTERRUPTED_RESULT)) {
        long call = Long.parseLong(r.callId().substring(1));
        assertEquals(last, call, "the interrupted result follows its call");
        assertTrue(!acked.contains(call + 1), "call " + call + "'s acknowledged result was lost");
        interrupted++;
        continue;
      }
      long seq = Appender.seqOf(entry);
      assertTrue(seq > last, "entry " + seq + " after " + last);
      assertEquals(Appender.entry(seq), entry, "entry " + seq + " is not what was appended");
      present.add(seq);
      last = seq;
    }
    TreeSet<Long> missing = new TreeSet<>(acked);
    missing.removeAll(present);
    assertEquals(new TreeSet<Long>(), missing, "acknowledged appends lost");
    return new Check(last, interrupted);
  }

  /** A prefix of a valid entry and no newline: a write the OS cut short. */
  private static void leaveAHalfWrittenEntry(Path file, long seq, Random random) throws IOException {
    String line = Appender.line(Appender.entry(seq));
    byte[] bytes = line.substring(0, 1 + random.nextInt(line.length() - 2)).getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      channel.write(java.nio.ByteBuffer.wrap(bytes));
    }
  }

  private String errors() {
    try {
      return Files.readString(dir.resolve("child.err"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The child: opens the history (repairing it) and appends forever, acknowledging each append. */
  public static final class Appender {
    public static void main(String[] args) throws Exception {
      History history = History.open(Path.of(args[0]));
      long seq = Long.parseLong(args[1]);
      while (true) {
        history.append(entry(seq));
        System.out.println("ack " + seq);
        System.out.flush();
        seq++;
      }
    }

    static HistoryEntry entry(long seq) {
      String pad = "x".repeat(padding(seq));
      return switch ((int) (seq % 4)) {
        case 0 -> new HistoryEntry.UserMessage("m" + seq + " " + pad);
        case 1 -> new HistoryEntry.AssistantMessage("a" + seq + " " + pad);
        case 2 -> new HistoryEntry.ToolCall("c" + seq, "Tool", "{\"seq\":" + seq + ",\"pad\":\"" + pad + "\"}");
        default -> new HistoryEntry.ToolResult("c" + (seq - 1), "Tool", "r" + seq + " " + pad, false);
      };
    }

    /** Mostly small entries, now and then up to 256 KiB: a long write is easier to cut in half. */
    static int padding(long seq) {
      long h = (seq * 0x9E3779B97F4A7C15L) >>> 33;
      return h % 10 == 0 ? (int) (h % (256 * 1024)) : (int) (h % 2000);
    }

    static long seqOf(HistoryEntry entry) {
      String digits;
      if (entry instanceof HistoryEntry.UserMessage m) {
        digits = m.text().substring(1, m.text().indexOf(' '));
      } else if (entry instanceof HistoryEntry.AssistantMessage m) {
        digits = m.text().substring(1, m.text().indexOf(' '));
      } else if (entry instanceof HistoryEntry.ToolCall c) {
        digits = c.callId().substring(1);
      } else if (entry instanceof HistoryEntry.ToolResult r) {
        digits = r.text().substring(1, r.text().indexOf(' '));
      } else {
        throw new AssertionError("unexpected entry " + entry);
      }
      return Long.parseLong(digits);
    }

    /** The entry as one history line, the way History writes it. */
    static String line(HistoryEntry entry) throws IOException {
      return new com.fasterxml.jackson.databind.ObjectMapper().writerFor(HistoryEntry.class).writeValueAsString(entry) + "\n";
    }
  }
}
