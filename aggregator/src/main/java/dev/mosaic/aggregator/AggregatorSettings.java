package dev.mosaic.aggregator;

import dev.mosaic.aggregator.rules.AggregationRuleFile;
import dev.mosaic.aggregator.rules.AggregationRules;
import dev.mosaic.aggregator.statsd.IdleSeriesPolicy;
import dev.mosaic.aggregator.statsd.PercentileThreshold;
import dev.mosaic.aggregator.statsd.StatsdGraphiteNaming;
import dev.mosaic.aggregator.statsd.StatsdSettings;
import dev.mosaic.aggregator.statsd.TimerHistogramBins;
import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.MosaicConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The aggregator's validated configuration.
 *
 * <pre>
 *   MosaicConfig (AggregatorKeys) → AggregatorSettings.from → AggregatorService
 * </pre>
 *
 * @param flushInterval interval length, whole seconds
 * @param grace how long an idle partition holds an interval after its end, shorter than {@code
 *     flushInterval}
 * @param maxOutOfOrderness how much older than the newest sample read from a partition a sample may
 *     still come, shorter than {@code grace}
 * @param maxCatchUp how old the first interval published may be without a committed marker, at
 *     least {@code flushInterval}
 * @param percentiles timer thresholds, possibly none
 * @param consumerGroup the aggregators' Kafka consumer group, not blank
 * @param exactTimerSamples timer values kept raw per series and interval
 * @param maxPointsPerRecord most points in one aggregates record
 * @param naming Etsy's graphite naming settings
 * @param idle which idle series keep reporting
 * @param histograms timer histogram bins
 * @param rules carbon-aggregator rules, possibly none
 * @param instanceId this instance's stable name within the group; empty for a random one per start
 */
public record AggregatorSettings(
    Duration flushInterval,
    Duration grace,
    Duration maxOutOfOrderness,
    Duration maxCatchUp,
    List<PercentileThreshold> percentiles,
    String consumerGroup,
    int exactTimerSamples,
    int maxPointsPerRecord,
    StatsdGraphiteNaming naming,
    IdleSeriesPolicy idle,
    TimerHistogramBins histograms,
    AggregationRules rules,
    String instanceId) {
  public AggregatorSettings {
    percentiles = List.copyOf(percentiles);
  }

  /** What each interval reports and under which names. */
  public StatsdSettings statsd() {
    return new StatsdSettings(percentiles, exactTimerSamples, naming, idle, histograms, rules);
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
    if (grace.compareTo(interval) >= 0 && config.sourceOf(AggregatorKeys.GRACE).equals("default")) {
      // The 2 s default cannot apply to intervals of 2 s or less; half the interval still leaves
      // the other half for the flush to reach carbon.
      grace = interval.dividedBy(2);
    }
    if (grace.compareTo(interval) >= 0) {
      throw invalid(
          config,
          AggregatorKeys.GRACE,
          grace.toMillis()
              + "ms must be shorter than aggregator.flush-interval ("
              + interval.toMillis()
              + "ms)");
    }
    Duration maxOutOfOrderness = config.get(AggregatorKeys.MAX_OUT_OF_ORDERNESS);
    if (maxOutOfOrderness.compareTo(grace) >= 0
        && config.sourceOf(AggregatorKeys.MAX_OUT_OF_ORDERNESS).equals("default")) {
      // Busy partitions must close an interval before idle ones would.
      maxOutOfOrderness = grace.dividedBy(2);
    }
    if (maxOutOfOrderness.compareTo(grace) >= 0) {
      throw invalid(
          config,
          AggregatorKeys.MAX_OUT_OF_ORDERNESS,
          maxOutOfOrderness.toMillis()
              + "ms must be shorter than aggregator.grace ("
              + grace.toMillis()
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
    TimerHistogramBins histograms;
    try {
      histograms = TimerHistogramBins.parse(config.get(AggregatorKeys.HISTOGRAM));
    } catch (IllegalArgumentException e) {
      throw invalid(config, AggregatorKeys.HISTOGRAM, e.getMessage());
    }
    boolean deleteIdle = config.get(AggregatorKeys.DELETE_IDLE_STATS);
    IdleSeriesPolicy idle =
        new IdleSeriesPolicy(
            deleteFlag(config, AggregatorKeys.DELETE_COUNTERS, deleteIdle),
            deleteFlag(config, AggregatorKeys.DELETE_TIMERS, deleteIdle),
            deleteFlag(config, AggregatorKeys.DELETE_GAUGES, deleteIdle),
            deleteFlag(config, AggregatorKeys.DELETE_SETS, deleteIdle));
    return new AggregatorSettings(
        interval,
        grace,
        maxOutOfOrderness,
        maxCatchUp,
        percentiles,
        group,
        config.get(AggregatorKeys.EXACT_TIMER_SAMPLES),
        config.get(AggregatorKeys.MAX_POINTS_PER_RECORD),
        naming(config),
        idle,
        histograms,
        rules(config, interval),
        pathPart(config, AggregatorKeys.INSTANCE_ID));
  }

  private static AggregationRules rules(MosaicConfig config, Duration interval)
      throws ConfigException {
    String file = config.get(AggregatorKeys.RULES_FILE).trim();
    if (file.isEmpty()) {
      return AggregationRules.NONE;
    }
    try {
      return AggregationRuleFile.read(Path.of(file), interval.toSeconds());
    } catch (IllegalArgumentException e) {
      throw invalid(config, AggregatorKeys.RULES_FILE, e.getMessage());
    }
  }

  private static StatsdGraphiteNaming naming(MosaicConfig config) throws ConfigException {
    return new StatsdGraphiteNaming(
        config.get(AggregatorKeys.LEGACY_NAMESPACE),
        pathPart(config, AggregatorKeys.GLOBAL_PREFIX),
        pathPart(config, AggregatorKeys.PREFIX_COUNTER),
        pathPart(config, AggregatorKeys.PREFIX_TIMER),
        pathPart(config, AggregatorKeys.PREFIX_GAUGE),
        pathPart(config, AggregatorKeys.PREFIX_SET),
        pathPart(config, AggregatorKeys.GLOBAL_SUFFIX));
  }

  /** A prefix or suffix: carbon's plaintext protocol cannot carry whitespace, tags start at ';'. */
  private static String pathPart(MosaicConfig config, ConfigKey<String> key)
      throws ConfigException {
    String value = config.get(key).trim();
    if (!value.matches("[^\\s;]*")) {
      throw invalid(config, key, "'" + value + "' must not contain whitespace or ';'");
    }
    return value;
  }

  /** Etsy's rule: an unset delete* flag takes the value of deleteIdleStats. */
  private static boolean deleteFlag(MosaicConfig config, ConfigKey<String> key, boolean idle)
      throws ConfigException {
    String value = config.get(key).trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "" -> idle;
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(config, key, "'" + value + "' is not true, false or empty");
    };
  }

  private static ConfigException invalid(MosaicConfig config, ConfigKey<?> key, String problem) {
    return new ConfigException(config.sourceOf(key) + ": " + key.name() + ": " + problem);
  }
}
