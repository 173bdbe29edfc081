package dev.yoi.bench.measure;

import java.util.Map;

/**
 * One measured run of a child process.
 *
 * @param wallNanos the whole process's wall time, from start to exit, as the parent saw it
 * @param workNanos the time the child itself reported for the measured work, or -1 if it reports none
 * @param peakRssKb the child's peak resident set size (VmHWM), or -1 if it could not be read
 * @param nanos every {@code name-nanos=} figure the child printed, by name ({@code work} included)
 */
public record Measurement(long wallNanos, long workNanos, long peakRssKb, Map<String, Long> nanos) {
  public Measurement {
    nanos = Map.copyOf(nanos);
  }

  public Measurement(long wallNanos, long workNanos, long peakRssKb) {
    this(wallNanos, workNanos, peakRssKb, Map.of());
  }

  /** A {@code name-nanos=} figure the child printed, in milliseconds. */
  public double millis(String name) {
    Long value = nanos.get(name);
    if (value == null) {
      throw new IllegalStateException("the child printed no " + name + "-nanos= line: " + nanos);
    }
    return value / 1e6;
  }

  public double wallMillis() {
    return wallNanos / 1e6;
  }

  public double workMillis() {
    return workNanos / 1e6;
  }
}
