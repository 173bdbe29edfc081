package dev.yoi.pod.internal.lock;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a Pod claims a file for itself alone (its history file, its data directory's lock file): an
 * exclusive OS file lock, held until the Pod closes, so a second Pod, in this process or another,
 * fails fast and is told who holds it. The one lock mechanism of the Pod.
 */
public final class FileClaim implements AutoCloseable {
  private final RandomAccessFile file;
  private final FileLock lock;

  private FileClaim(RandomAccessFile file, FileLock lock) {
    this.file = file;
    this.lock = lock;
  }

  /**
   * Locks {@code file}, which the caller keeps open and uses (the history writes through it).
   *
   * @param what the file as the message names it, e.g. {@code history file /p/history.jsonl}
   * @param remedy what the person can do, e.g. {@code close that Pod first, or ...}
   * @throws IllegalStateException if another Pod holds it
   * @throws IOException if the lock cannot be taken for another reason
   */
  public static FileLock lock(RandomAccessFile file, String what, String remedy) throws IOException {
    return lock(file, what, remedy, Optional::empty);
  }

  /**
   * Creates (if needed) and locks {@code lockFile}, a file that exists only to be locked, and
   * records this process's id in it, so a Pod refused in another process can name the holder.
   *
   * @throws IllegalStateException if another Pod holds it
   * @throws UncheckedIOException if the file cannot be created or locked
   */
  public static FileClaim dedicated(Path lockFile, String what, String remedy) {
    RandomAccessFile file = null;
    try {
      Files.createDirectories(lockFile.toAbsolutePath().getParent());
      file = new RandomAccessFile(lockFile.toFile(), "rw");
      FileLock lock = lock(file, what, remedy, () -> holderOf(lockFile));
      FileClaim claim = new FileClaim(file, lock);
      file.setLength(0);
      file.write(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
      return claim;
    } catch (IOException e) {
      closeQuietly(file);
      throw new UncheckedIOException("cannot lock " + what + " (" + lockFile + "): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(file);
      throw e;
    }
  }

  private static FileLock lock(RandomAccessFile file, String what, String remedy,
      java.util.function.Supplier<Optional<String>> recordedHolder) throws IOException {
    FileLock lock;
    String holder;
    try {
      // tryLock, unlike lock, is not interruptible: an interrupted opener cannot close the file.
      lock = file.getChannel().tryLock();
      holder = "another process" + recordedHolder.get().map(pid -> " (" + pid + ")").orElse("");
    } catch (OverlappingFileLockException e) {
      lock = null;
      holder = "this process (pid " + ProcessHandle.current().pid() + ")";
    }
    if (lock == null) {
      throw new IllegalStateException(what + " is open in another Pod, in " + holder + "; " + remedy);
    }
    return lock;
  }

  /** What the holder wrote into a dedicated lock file, e.g. {@code pid 4242}; empty if unreadable. */
  private static Optional<String> holderOf(Path lockFile) {
    try {
      String text = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
      return text.matches("pid \\d{1,19}") ? Optional.of(text) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // some platforms refuse to read a locked file
    }
  }

  /** Releases the lock and closes the file. Idempotent. */
  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } catch (IOException e) {
      // Closing the file releases the lock anyway.
    }
    closeQuietly(file);
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
