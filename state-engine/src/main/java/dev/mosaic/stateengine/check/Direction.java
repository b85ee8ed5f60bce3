package dev.mosaic.stateengine.check;

/** Which side of a threshold is bad. */
public enum Direction {
  /** Values above the threshold are bad (latency, error rate). */
  ABOVE,
  /** Values below the threshold are bad (free disk, throughput). */
  BELOW;

  /** Whether {@code value} is strictly on the bad side of {@code threshold}. */
  boolean beyond(double value, double threshold) {
    return this == ABOVE ? value > threshold : value < threshold;
  }

  /** Whether {@code a} is a stricter (further on the bad side) threshold than {@code b}. */
  boolean stricter(double a, double b) {
    return this == ABOVE ? a > b : a < b;
  }
}
