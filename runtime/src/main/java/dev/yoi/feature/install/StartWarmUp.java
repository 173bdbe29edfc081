package dev.yoi.feature.install;

import dev.yoi.descriptor.Digests;
import dev.yoi.descriptor.Names;

/**
 * Pays, on a daemon thread while a Pod is being built and started, the one-time costs the start
 * meets before its first feature: semver4j's first parse and range (its patterns are built with
 * {@code String.format} in static initialisers) and the first SHA-256 (the security providers).
 * It calls the same functions the catalog calls, on constants, and keeps nothing: they are pure, so
 * no result of the start can change. Whatever it throws is dropped (the start meets the same
 * failure itself and reports it). semver4j's static initialisers form no cycle, so the two threads
 * initialising them at once wait for each other rather than deadlock. Without a spare core there
 * is nothing to overlap with (see {@link SpareCore}), and it starts no thread.
 */
public final class StartWarmUp {
  private StartWarmUp() {}

  /** Starts the warm-up, or does nothing when no core is spare. */
  public static void begin() {
    if (SpareCore.now()) {
      start();
    }
  }

  /** Starts the warm-up's daemon thread, whatever the load. */
  static Thread start() {
    Thread thread = new Thread(StartWarmUp::run, "yoi-start-warm-up");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void run() {
    try {
      Names.checkVersion("version", "1.0.0");
      Names.checkVersionRange("range", "^1.0.0");
      Names.satisfies("1.0.0", "^1.0.0");
      Digests.ofCanonicalJson("{}");
    } catch (Throwable ignored) {
      // Only a warm-up: the start does the same work itself and reports what goes wrong.
    }
  }
}
