package dev.yoi.mcp.bridge;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the host runs bridged servers.
 *
 * @param callTimeout the longest a {@code tools/call} may take; past it the model gets an error
 *     result naming this limit
 * @param startTimeout the longest starting the server and {@code initialize} may take
 * @param stopGrace how long a stopping server and its children get to exit after SIGTERM before
 *     they are killed
 * @param stderrLines how many stderr lines of one server run are kept, and published as notes
 * @param hostEnvironment the host's own environment, whose {@code PATH}, {@code HOME} and locale
 *     variables a stdio server gets (nothing else of it)
 */
public record BridgeSettings(
    Duration callTimeout,
    Duration startTimeout,
    Duration stopGrace,
    int stderrLines,
    Map<String, String> hostEnvironment) {

  public BridgeSettings {
    positive(callTimeout, "callTimeout");
    positive(startTimeout, "startTimeout");
    positive(stopGrace, "stopGrace");
    if (stderrLines < 1) {
      throw new IllegalArgumentException("stderrLines must be at least 1, not " + stderrLines);
    }
    hostEnvironment = Map.copyOf(hostEnvironment);
  }

  /** A 60 s call timeout, 30 s to start, 5 s to stop, 200 stderr lines, this process's environment. */
  public static BridgeSettings defaults() {
    return new BridgeSettings(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(5), 200,
        System.getenv());
  }

  public BridgeSettings withCallTimeout(Duration timeout) {
    return new BridgeSettings(timeout, startTimeout, stopGrace, stderrLines, hostEnvironment);
  }

  public BridgeSettings withHostEnvironment(Map<String, String> environment) {
    return new BridgeSettings(callTimeout, startTimeout, stopGrace, stderrLines, environment);
  }

  private static void positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, not " + d);
    }
  }
}
