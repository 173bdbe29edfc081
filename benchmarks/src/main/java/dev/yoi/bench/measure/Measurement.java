package dev.yoi.bench.measure;

/**
 * One measured run of a child process.
 *
 * @param wallNanos the whole process's wall time, from start to exit, as the parent saw it
 * @param workNanos the time the child itself reported for the measured work, or -1 if it reports none
 * @param peakRssKb the child's peak resident set size (VmHWM), or -1 if it could not be read
 */
public record Measurement(long wallNanos, long workNanos, long peakRssKb) {
  public double wallMillis() {
    return wallNanos / 1e6;
  }

  public double workMillis() {
    return workNanos / 1e6;
  }
}
