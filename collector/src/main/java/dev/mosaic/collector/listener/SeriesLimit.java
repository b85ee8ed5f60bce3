package dev.mosaic.collector.listener;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the distinct series names one collector forwards: names already seen keep flowing, new ones
 * beyond the cap are refused.
 *
 * <pre>
 * parser → ListenerSink → SeriesLimit.admit(name) → batcher (or dropped_cardinality)
 * </pre>
 *
 * <p>A runaway client (a request id in a metric name) would otherwise grow every aggregator's state
 * without bound. Names are remembered for the collector's lifetime; nothing expires yet. Thread
 * safety: safe for any number of listener threads; the cap may be overshot by at most one name per
 * concurrent caller.
 */
public final class SeriesLimit {
  private final int maxSeries;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  /**
   * @param maxSeries at least 1
   */
  public SeriesLimit(int maxSeries) {
    if (maxSeries < 1) {
      throw new IllegalArgumentException("maxSeries must be at least 1: " + maxSeries);
    }
    this.maxSeries = maxSeries;
  }

  /** The cap: the most distinct names this collector forwards. */
  public int maxSeries() {
    return maxSeries;
  }

  /** True if {@code name} is a known series, or a new one that still fits under the cap. */
  public boolean admit(String name) {
    if (seen.contains(name)) {
      return true;
    }
    if (seen.size() >= maxSeries) {
      return false;
    }
    seen.add(name);
    return true;
  }
}
