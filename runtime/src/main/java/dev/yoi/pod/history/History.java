package dev.yoi.pod.history;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.yoi.descriptor.DiagnosticCode;
import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.report.Diagnostics;
import dev.yoi.pod.internal.lock.FileClaim;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Pod's append-only conversation history. Durable ({@link #open}: JSON Lines in
 * {@code <directory>/history.jsonl}, one {@link HistoryEntry} per line, forced to disk before
 * {@link #append} returns) or in memory ({@link #inMemory}). Thread-safe.
 *
 * <p>Every tool call has exactly one result: a result without its call, or a second result, is
 * refused. An entry larger than the {@link EntryLimit} is refused before anything is written, and
 * the reader is configured from the same limit, so every line written can be read back.
 *
 * <p>On reopen a torn last line (an append cut short by a crash: not a whole JSON value) is
 * truncated, and a call left without a result gets an error result; both are reported by
 * {@link #recoveryDiagnostics()}. Nothing else is ever truncated: a whole JSON line that is not an
 * entry, a line over the reader's limit, or a damaged line before the last one makes {@link #open}
 * refuse the file rather than guess.
 *
 * <p>Text is written as UTF-8; a lone UTF-16 surrogate, which UTF-8 cannot hold, is written as its
 * JSON escape, so every entry reads back exactly as it was appended.
 *
 * <p>Appends are immune to interrupts: the file is written through a {@link RandomAccessFile}
 * and synced through its descriptor, never through an interruptible {@link FileChannel}, which
 * Java closes for good when the writing thread's interrupt flag is set (and the Pod itself restores
 * that flag after a tool or hook throws {@link InterruptedException}). The channel serves only for
 * the file lock, whose operations are not interruptible.
 *
 * <p>Only the host holds a {@code History}; features reach it only through a model notifier.
 */
public final class History implements AutoCloseable {
  /** The file name inside the history directory. */
  public static final String FILE_NAME = "history.jsonl";

  /** The text of the error result recorded for a call the Pod never answered. */
  public static final String INTERRUPTED_RESULT =
      "the Pod stopped before this tool call finished; its outcome is unknown";

  private static final Pattern CALL_NUMBER = Pattern.compile("call-(\\d{1,18})");

  private final Object lock = new Object();
  private final EntryLimit limit;
  /**
   * The entries' JSON, built when a durable history first reads or writes (guarded by
   * {@link #lock}; open reads before anyone else can reach the history): an in-memory history never
   * serialises, and building a mapper and the entry types' polymorphic (de)serialisers was the
   * largest single cost of starting a Pod with a few features.
   */
  private volatile Json json;
  private final Path file; // null in memory
  private final RandomAccessFile out; // null in memory
  private final FileLock fileLock; // null in memory
  private final List<HistoryEntry> entries = new ArrayList<>();
  /** Calls without a result yet, in call order: id to tool name. */
  private final Map<String, String> openCalls = new LinkedHashMap<>();
  private final Set<String> answeredCalls = new HashSet<>();
  private final AtomicLong nextCall = new AtomicLong(1);
  private final List<Diagnostic> recovery = new ArrayList<>();
  private long size;
  private boolean closed;

  private History(EntryLimit limit, Path file, RandomAccessFile out, FileLock fileLock) {
    this.limit = limit;
    this.file = file;
    this.out = out;
    this.fileLock = fileLock;
  }

  /** The mapper, reader and writer of one history's entries, under its limit. */
  private static final class Json {
    private final ObjectMapper syntax; // tells a torn line from a whole one
    /** Unknown fields are skipped so newer files still open; limits are the writer's. */
    private final ObjectReader reader;
    /** Writes UTF-8 itself (never a String, then UTF-8), so a lone surrogate is escaped, not '?'. */
    private final ObjectWriter writer;

    Json(EntryLimit limit) {
      this.syntax = new ObjectMapper(limit.jsonFactory());
      this.writer = syntax.writerFor(HistoryEntry.class);
      this.reader = syntax.readerFor(HistoryEntry.class)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
  }

  /** This history's JSON, built on first use; callers hold {@link #lock} or are {@link #open}. */
  private Json json() {
    if (json == null) {
      json = new Json(limit);
    }
    return json;
  }

  /** A history that lives only as long as this object: for tests and throwaway Pods. */
  public static History inMemory() {
    return inMemory(EntryLimit.standard());
  }

  /** {@link #inMemory()} with entries up to {@code limit}. */
  public static History inMemory(EntryLimit limit) {
    return new History(java.util.Objects.requireNonNull(limit, "limit"), null, null, null);
  }

  /** {@link #open(Path, EntryLimit)} with the {@linkplain EntryLimit#standard() standard limit}. */
  public static History open(Path directory) {
    return open(directory, EntryLimit.standard());
  }

  /**
   * Opens (creating if needed) the durable history in {@code directory}, repairing a torn tail.
   *
   * @param limit the largest entry appends accept; the reader accepts all they can write
   * @throws IllegalStateException if another Pod has it open, a line before the last is damaged,
   *     or a whole line cannot be read (it is then left as it is)
   * @throws UncheckedIOException if the file cannot be read or written
   */
  public static History open(Path directory, EntryLimit limit) {
    java.util.Objects.requireNonNull(limit, "limit");
    Path file = directory.resolve(FILE_NAME);
    RandomAccessFile out = null;
    try {
      Files.createDirectories(directory);
      out = new RandomAccessFile(file.toFile(), "rw");
      FileLock fileLock = FileClaim.lock(out, "history file " + file,
          "close that Pod first, or give this one its own history directory");
      History history = new History(limit, file, out, fileLock);
      history.load();
      return history;
    } catch (IOException e) {
      closeQuietly(out);
      throw new UncheckedIOException("cannot open history file " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(out);
      throw e;
    }
  }

  /** The history file, or empty in memory. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** The largest entry {@link #append} accepts. */
  public EntryLimit entryLimit() {
    return limit;
  }

  /** Whether {@link #close()} ran: appends are refused from then on. */
  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /** What {@link #open} repaired, one warning per repair; empty if the file was whole. */
  public List<Diagnostic> recoveryDiagnostics() {
    synchronized (lock) {
      return List.copyOf(recovery);
    }
  }

  /** Every entry, oldest first: an immutable snapshot. */
  public List<HistoryEntry> entries() {
    synchronized (lock) {
      return List.copyOf(entries);
    }
  }

  public int size() {
    synchronized (lock) {
      return entries.size();
    }
  }

  /** A call id not used before in this history: {@code call-1}, {@code call-2}, ... */
  public String newCallId() {
    return "call-" + nextCall.getAndIncrement();
  }

  /**
   * Appends {@code entry}; a durable history has it on disk when this returns.
   *
   * @throws IllegalArgumentException for a tool call whose id is taken, or a tool result whose
   *     call is unknown, already answered, or names another tool
   * @throws EntryTooLargeException for an entry larger than the {@linkplain #entryLimit() limit}
   * @throws IllegalStateException after {@link #close}
   * @throws UncheckedIOException if the write fails (the entry is then not in the history)
   */
  public void append(HistoryEntry entry) {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("history is closed; " + describe(entry) + " was not recorded");
      }
      check(entry);
      long bytes = EntryLimit.sizeOf(entry);
      if (!limit.admits(bytes)) {
        throw new EntryTooLargeException("the history's " + describe(entry), bytes, limit);
      }
      if (out != null) {
        write(entry);
      }
      accept(entry);
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (out != null) {
        try {
          fileLock.release();
        } catch (IOException e) {
          // Closing the file releases the lock anyway.
        }
        closeQuietly(out);
      }
    }
  }

  private void check(HistoryEntry entry) {
    if (entry instanceof HistoryEntry.ToolCall call) {
      if (openCalls.containsKey(call.callId()) || answeredCalls.contains(call.callId())) {
        throw new IllegalArgumentException("tool call id \"" + call.callId() + "\" is already in the"
            + " history; use History.newCallId() for each call");
      }
    } else if (entry instanceof HistoryEntry.ToolResult result) {
      String tool = openCalls.get(result.callId());
      if (tool == null) {
        throw new IllegalArgumentException(answeredCalls.contains(result.callId())
            ? "tool call \"" + result.callId() + "\" already has its result; each call has exactly one"
            : "tool result for \"" + result.callId() + "\" has no tool call before it; append the call first");
      }
      if (!tool.equals(result.toolName())) {
        throw new IllegalArgumentException("tool result for \"" + result.callId() + "\" names tool \""
            + result.toolName() + "\" but the call was to \"" + tool + "\"");
      }
    }
  }

  private void accept(HistoryEntry entry) {
    entries.add(entry);
    if (entry instanceof HistoryEntry.ToolCall call) {
      openCalls.put(call.callId(), call.toolName());
      Matcher number = CALL_NUMBER.matcher(call.callId());
      if (number.matches()) {
        long next = Long.parseLong(number.group(1)) + 1;
        nextCall.accumulateAndGet(next, Math::max);
      }
    } else if (entry instanceof HistoryEntry.ToolResult result) {
      openCalls.remove(result.callId());
      answeredCalls.add(result.callId());
    }
  }

  private void write(HistoryEntry entry) {
    byte[] line;
    try {
      byte[] json = json().writer.writeValueAsBytes(entry);
      line = java.util.Arrays.copyOf(json, json.length + 1);
      line[json.length] = '\n';
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + describe(entry) + ": " + e.getMessage(), e);
    }
    try {
      out.seek(size);
      out.write(line);
      out.getFD().sync();
      size += line.length;
    } catch (IOException e) {
      // Leave no partial line behind, or the next append would bury it mid-file.
      try {
        out.setLength(size);
      } catch (IOException ignored) {
        // The next open truncates a torn tail anyway.
      }
      throw new UncheckedIOException("cannot append " + describe(entry) + " to " + file + ": "
          + e.getMessage(), e);
    }
  }

  private void load() throws IOException {
    long length = out.length();
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("history file " + file + " is larger than 2 GiB; start a new"
          + " history directory");
    }
    byte[] bytes = new byte[(int) length];
    out.seek(0);
    out.readFully(bytes);
    int start = 0;
    int lineNumber = 0;
    while (start < bytes.length) {
      lineNumber++;
      int newline = indexOf(bytes, (byte) '\n', start);
      boolean terminated = newline >= 0;
      int end = terminated ? newline : bytes.length;
      boolean last = !terminated || newline + 1 >= bytes.length;
      String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
      if (text.isBlank()) {
        if (last && !terminated) {
          truncateTornTail(start, bytes.length - start, "blank");
          return;
        }
        start = end + 1;
        size = start;
        continue;
      }
      HistoryEntry entry;
      try {
        entry = json().reader.readValue(text);
      } catch (IOException e) {
        if (overLimit(e)) {
          throw new IllegalStateException("history file " + file + " line " + lineNumber + " holds a"
              + " value longer than this Pod reads (" + firstLine(e) + "): it was written under a"
              + " larger entry limit than this Pod's " + limit + ". Nothing was changed; open it with"
              + " a larger limit (" + EntryLimit.SETTING + ")");
        }
        if (last && !isWholeJson(text)) {
          truncateTornTail(start, bytes.length - start, "not a complete entry");
          break;
        }
        if (last) {
          throw new IllegalStateException("history file " + file + " line " + lineNumber + " is a whole"
              + " JSON value but not a history entry (" + firstLine(e) + "), so it is not a torn"
              + " append and was left as it is; it was written by something else or a newer Pod:"
              + " repair or remove that line by hand, or move the file away to start a new history");
        }
        throw new IllegalStateException("history file " + file + " line " + lineNumber + " is damaged"
            + " and is not the last line, so it is not a torn append (" + firstLine(e) + ");"
            + " repair or remove that line by hand, or move the file away to start a new history");
      }
      try {
        check(entry);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("history file " + file + " line " + lineNumber + ": "
            + e.getMessage() + "; the file was edited or written by something else: repair it by"
            + " hand, or move it away to start a new history");
      }
      accept(entry);
      if (!terminated) {
        // A whole entry whose newline was lost: keep it, and end the line so appends start clean.
        out.seek(bytes.length);
        out.write('\n');
        out.getFD().sync();
        size = bytes.length + 1L;
        answerOpenCalls();
        return;
      }
      start = end + 1;
      size = start;
    }
    answerOpenCalls();
  }

  /** A line cut short is not whole JSON; a whole line that fails to be an entry is no torn append. */
  private boolean isWholeJson(String text) {
    try {
      json().syntax.readTree(text);
      return true;
    } catch (IOException e) {
      return overLimit(e); // too long to tell: treat as whole, so nothing is truncated
    }
  }

  private static boolean overLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamConstraintsException) {
        return true;
      }
    }
    return false;
  }

  private void truncateTornTail(int offset, int length, String what) throws IOException {
    out.setLength(offset);
    out.getFD().sync();
    size = offset;
    recovery.add(Diagnostics.warning(DiagnosticCode.HISTORY_RECOVERED, "",
        "history file " + file + " ended with a torn line: "
            + length + " bytes at offset " + offset + " are " + what + ", where a whole JSON entry"
            + " and a newline were expected (an append was cut short, e.g. by a crash). Truncated"
            + " them and kept the " + entries.size() + " entries before. Nothing to fix; if it"
            + " recurs, check the disk and how the Pod is stopped."));
  }

  private void answerOpenCalls() {
    if (openCalls.isEmpty()) {
      return;
    }
    List<String> described = new ArrayList<>();
    for (Map.Entry<String, String> call : List.copyOf(openCalls.entrySet())) {
      described.add(call.getKey() + " (" + call.getValue() + ")");
      HistoryEntry.ToolResult result =
          new HistoryEntry.ToolResult(call.getKey(), call.getValue(), INTERRUPTED_RESULT, true);
      write(result);
      accept(result);
    }
    recovery.add(Diagnostics.warning(DiagnosticCode.HISTORY_RECOVERED, "",
        "history file " + file + " had " + described.size()
            + " tool call(s) without a result, where each call has exactly one: "
            + String.join(", ", described) + ". The Pod stopped during them. Recorded an error"
            + " result for each, so the model sees every call answered; check whether those"
            + " tools' side effects happened."));
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String describe(HistoryEntry entry) {
    return entry.getClass().getSimpleName() + " entry";
  }

  private static void closeQuietly(RandomAccessFile file) {
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        // nothing more to do
      }
    }
  }
}
