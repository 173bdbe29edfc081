package dev.yoi.pod.internal.notify;

import dev.yoi.feature.Diagnostic;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The Pod's live diagnostics: every diagnostic is handed to each subscriber as soon as it is
 * published, on the publishing thread, and the most recent ones are kept for late readers.
 */
public final class DiagnosticStream {
  /** How many recent diagnostics {@link #recent()} keeps; a crash-looping task must not grow memory. */
  public static final int RETAINED = 1_000;

  private final CopyOnWriteArrayList<Consumer<? super Diagnostic>> subscribers =
      new CopyOnWriteArrayList<>();
  private final ArrayDeque<Diagnostic> recent = new ArrayDeque<>();

  /** A live subscription; closing it stops delivery. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Delivers every diagnostic published from now on to {@code subscriber}. A subscriber that
   * throws loses that diagnostic, and the others still get it.
   */
  public Subscription subscribe(Consumer<? super Diagnostic> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  public void publish(Diagnostic diagnostic) {
    Objects.requireNonNull(diagnostic, "diagnostic");
    synchronized (recent) {
      if (recent.size() == RETAINED) {
        recent.removeFirst();
      }
      recent.addLast(diagnostic);
    }
    for (Consumer<? super Diagnostic> subscriber : subscribers) {
      try {
        subscriber.accept(diagnostic);
      } catch (RuntimeException e) {
        // A subscriber's bug is its own; publishing it here would recurse into the same subscriber.
      }
    }
  }

  /** The last {@link #RETAINED} diagnostics, oldest first. */
  public List<Diagnostic> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }
}
