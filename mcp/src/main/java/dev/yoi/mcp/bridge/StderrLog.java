package dev.yoi.mcp.bridge;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a server's stderr goes: never to the model. The last lines are kept (escaped and cut to a
 * bounded length) for failure messages, and the first ones of each run are handed on as notes; a
 * server that floods stderr costs a fixed amount of memory and one note saying the rest was held
 * back.
 */
final class StderrLog {
  /** The longest line kept, in characters (after escaping). */
  static final int LINE_LIMIT = 500;

  private static final Duration DRAIN_QUIET = Duration.ofMillis(200);
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(1);

  private final int limit;
  private final Consumer<String> notes;
  private final ArrayDeque<String> last;
  private int published;
  private long lines;

  /**
   * @param limit lines kept, and lines handed on per run
   * @param notes receives each line handed on, escaped, and one line when the rest is held back
   */
  StderrLog(int limit, Consumer<String> notes) {
    this.limit = limit;
    this.notes = notes;
    this.last = new ArrayDeque<>(limit);
  }

  /** One line the server wrote. */
  void line(String raw) {
    String line = ServerText.escape(raw, LINE_LIMIT);
    boolean publish;
    boolean holdBack;
    synchronized (this) {
      if (last.size() == limit) {
        last.removeFirst();
      }
      last.addLast(line);
      publish = published < limit;
      holdBack = published == limit;
      published++;
      lines++;
      notifyAll();
    }
    if (publish) {
      notes.accept(line);
    } else if (holdBack) {
      notes.accept("(more than " + limit + " lines: the rest of this run's stderr is not published;"
          + " the last " + limit + " lines are kept)");
    }
  }

  /** A new server run: its first lines are handed on again. */
  synchronized void restart() {
    published = 0;
    lines = 0;
  }

  /**
   * Waits for the last lines of a server that exited during its start: until a line has come and
   * none followed for 200 ms, at most a second. Best effort: the SDK's stdio transport stops
   * reading stderr once the server's stdout has closed, so a line it had not read by then is lost
   * (the failure message still names the exit code).
   */
  synchronized void drain() {
    long end = System.nanoTime() + DRAIN_LIMIT.toNanos();
    long seen = lines;
    try {
      while (System.nanoTime() < end) {
        long left = Math.max(1, (end - System.nanoTime()) / 1_000_000);
        wait(lines == 0 ? left : Math.min(DRAIN_QUIET.toMillis(), left));
        if (lines > 0 && lines == seen) {
          return;
        }
        seen = lines;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines, oldest first. */
  synchronized List<String> last() {
    return List.copyOf(last);
  }

  /** The last {@code n} lines as an indented block for a message; empty when there are none. */
  String tail(int n) {
    List<String> lines = last();
    if (lines.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(" Its last stderr lines:");
    for (String line : lines.subList(Math.max(0, lines.size() - n), lines.size())) {
      out.append("\n    ").append(line);
    }
    return out.toString();
  }
}
