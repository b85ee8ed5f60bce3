package dev.mosaic.aggregator;

import dev.mosaic.contract.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/** The {@code aggregator.*} configuration keys. */
public final class AggregatorKeys {
  private AggregatorKeys() {}

  public static final ConfigKey<Duration> FLUSH_INTERVAL =
      ConfigKey.duration(
          "aggregator.flush-interval",
          "10s",
          "Length of the aggregation interval, whole seconds; intervals are aligned to multiples of"
              + " it since the epoch.");
  public static final ConfigKey<Duration> GRACE =
      ConfigKey.duration(
          "aggregator.grace",
          "1s",
          "How long after an interval ends its late samples are still waited for before it is"
              + " flushed; shorter than the interval, and below 2s to reach carbon on time.");
  public static final ConfigKey<Duration> MAX_CATCH_UP =
      ConfigKey.duration(
          "aggregator.max-catch-up",
          "5m",
          "How far back the first interval an aggregator publishes may start when no committed"
              + " offset says where its predecessor stopped; older samples count as late. At least"
              + " the flush interval.");
  public static final ConfigKey<String> PERCENTILES =
      ConfigKey.string(
          "aggregator.percentiles",
          "90",
          "Comma-separated timer percentile thresholds, e.g. 90,95,99.9; a negative one such as -10"
              + " summarises the highest 10% (lower_top10); empty for none.");
  public static final ConfigKey<String> CONSUMER_GROUP =
      ConfigKey.string(
          "aggregator.consumer-group",
          "mosaic-aggregator",
          "Kafka consumer group of the aggregators; each samples partition is aggregated by one"
              + " member.");
  public static final ConfigKey<Integer> EXACT_TIMER_SAMPLES =
      ConfigKey.integer(
          "aggregator.exact-timer-samples",
          "128",
          1,
          1_000_000,
          "Timer values per series and interval kept raw, so median and percentile fields are"
              + " exact; beyond this an HdrHistogram holds them within 0.05%.");
  public static final ConfigKey<Integer> MAX_POINTS_PER_RECORD =
      ConfigKey.integer(
          "aggregator.max-points-per-record",
          "10000",
          1,
          1_000_000,
          "Most points in one aggregates record; a larger interval partition is split into several"
              + " records.");

  public static final List<ConfigKey<?>> ALL =
      List.of(
          FLUSH_INTERVAL,
          GRACE,
          MAX_CATCH_UP,
          PERCENTILES,
          CONSUMER_GROUP,
          EXACT_TIMER_SAMPLES,
          MAX_POINTS_PER_RECORD);
}
