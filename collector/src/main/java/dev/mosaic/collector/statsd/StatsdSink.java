package dev.mosaic.collector.statsd;

import dev.mosaic.contract.MetricSample;

/**
 * Receives what {@link StatsdLineParser} made of a line.
 *
 * <pre>
 * StatsdPacketSplitter → StatsdLineParser → StatsdSink → (listener) batcher, counters
 * </pre>
 *
 * <p>Calls arrive on the parsing thread, in the order of the line's values. Implementations should
 * not throw: an exception ends the parsing of the rest of the datagram.
 */
public interface StatsdSink {
  /** One valid value of a line. */
  void sample(MetricSample sample);

  /**
   * A rejected line, or one rejected value of a multi-value line (the line's other values still
   * arrive as samples).
   *
   * @param line the whole line, for logging
   */
  void badLine(BadLineReason reason, CharSequence line);

  /**
   * The line carried DogStatsD tags ({@code |#...}) that were dropped: all of them under {@link
   * DogStatsdTagMode#DROP} (its values arrive under the untagged name), or those that sanitised to
   * nothing under {@link DogStatsdTagMode#GRAPHITE}. Called at most once per line.
   */
  void tagsIgnored();

  /**
   * Whether samples named {@code name} may pass, e.g. under a cap on distinct series. {@link
   * StatsdDatagramParser} asks once per name it remembers and reuses the answer, so the answer for
   * a name must never turn from false to true. The default admits every name.
   */
  default boolean admits(String name) {
    return true;
  }

  /** A valid value whose name {@link #admits} accepted; by default handed to {@link #sample}. */
  default void admittedSample(MetricSample sample) {
    sample(sample);
  }

  /** A valid value left out because {@link #admits} refused its name. */
  default void refusedSample() {}
}
