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
}
