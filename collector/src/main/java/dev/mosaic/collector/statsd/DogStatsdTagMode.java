package dev.mosaic.collector.statsd;

/**
 * What {@link StatsdLineParser} does with DogStatsD tags ({@code |#env:prod,canary}).
 *
 * <pre>
 * collector.statsd.tags → DogStatsdTagMode → StatsdLineParser
 * </pre>
 */
public enum DogStatsdTagMode {
  /**
   * Tags become part of the series name in Graphite 1.1 tagged form, {@code name;key=value;...},
   * built by {@link GraphiteTagSuffix}.
   */
  GRAPHITE,
  /** Tags are dropped, the line counted as {@link StatsdSink#tagsIgnored()}; names stay bare. */
  DROP
}
