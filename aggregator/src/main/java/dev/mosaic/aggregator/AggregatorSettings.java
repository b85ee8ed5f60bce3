package dev.mosaic.aggregator;

import dev.mosaic.aggregator.statsd.PercentileThreshold;
import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.MosaicConfig;
import java.time.Duration;
import java.util.List;

/**
 * The aggregator's validated configuration.
 *
 * <pre>
 *   MosaicConfig (AggregatorKeys) → AggregatorSettings.from → AggregatorService
 * </pre>
 *
 * @param flushInterval interval length, whole seconds
 * @param grace wait after an interval's end, shorter than {@code flushInterval}
 * @param maxCatchUp how old the first interval published may be without a committed marker, at
 *     least {@code flushInterval}
 * @param percentiles timer thresholds, possibly none
 * @param consumerGroup the aggregators' Kafka consumer group, not blank
 * @param exactTimerSamples timer values kept raw per series and interval
 * @param maxPointsPerRecord most points in one aggregates record
 */
public record AggregatorSettings(
    Duration flushInterval,
    Duration grace,
    Duration maxCatchUp,
    List<PercentileThreshold> percentiles,
    String consumerGroup,
    int exactTimerSamples,
    int maxPointsPerRecord) {
  public AggregatorSettings {
    percentiles = List.copyOf(percentiles);
  }

  /**
   * @throws ConfigException naming the key and where its value came from, when the percentile list
   *     does not parse or values are wrong together
   */
  public static AggregatorSettings from(MosaicConfig config) throws ConfigException {
    Duration interval = config.get(AggregatorKeys.FLUSH_INTERVAL);
    if (interval.toMillis() % 1000 != 0) {
      throw invalid(
          config,
          AggregatorKeys.FLUSH_INTERVAL,
          "'" + interval.toMillis() + "ms' is not whole seconds (Graphite timestamps are seconds)");
    }
    Duration grace = config.get(AggregatorKeys.GRACE);
    if (grace.compareTo(interval) >= 0) {
      throw invalid(
          config,
          AggregatorKeys.GRACE,
          grace.toMillis()
              + "ms must be shorter than aggregator.flush-interval ("
              + interval.toMillis()
              + "ms)");
    }
    Duration maxCatchUp = config.get(AggregatorKeys.MAX_CATCH_UP);
    if (maxCatchUp.compareTo(interval) < 0) {
      throw invalid(
          config,
          AggregatorKeys.MAX_CATCH_UP,
          maxCatchUp.toMillis()
              + "ms must be at least aggregator.flush-interval ("
              + interval.toMillis()
              + "ms)");
    }
    List<PercentileThreshold> percentiles;
    try {
      percentiles = PercentileThreshold.parseList(config.get(AggregatorKeys.PERCENTILES));
    } catch (IllegalArgumentException e) {
      throw invalid(config, AggregatorKeys.PERCENTILES, e.getMessage());
    }
    String group = config.get(AggregatorKeys.CONSUMER_GROUP).trim();
    if (group.isEmpty()) {
      throw invalid(config, AggregatorKeys.CONSUMER_GROUP, "must not be empty");
    }
    return new AggregatorSettings(
        interval,
        grace,
        maxCatchUp,
        percentiles,
        group,
        config.get(AggregatorKeys.EXACT_TIMER_SAMPLES),
        config.get(AggregatorKeys.MAX_POINTS_PER_RECORD));
  }

  private static ConfigException invalid(MosaicConfig config, ConfigKey<?> key, String problem) {
    return new ConfigException(config.sourceOf(key) + ": " + key.name() + ": " + problem);
  }
}
