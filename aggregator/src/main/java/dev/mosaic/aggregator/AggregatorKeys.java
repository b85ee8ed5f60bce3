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
          "2s",
          "How long after an interval ends an idle input partition (no lag, nothing newer read)"
              + " holds it open; busy partitions close it sooner, see max-out-of-orderness. Shorter"
              + " than the interval; the default becomes half the interval for intervals of 2s or"
              + " less.");
  public static final ConfigKey<Duration> MAX_OUT_OF_ORDERNESS =
      ConfigKey.duration(
          "aggregator.max-out-of-orderness",
          "500ms",
          "How much older than the newest sample read from a partition a sample may still arrive"
              + " in it: an interval closes once every busy partition has read a sample this much"
              + " past its end. Raise it for collectors with skewed clocks or long publish lingers;"
              + " shorter than the grace; the default becomes half the grace for a grace of 500ms or"
              + " less.");
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
  public static final ConfigKey<String> INSTANCE_ID =
      ConfigKey.string(
          "aggregator.instance-id",
          "",
          "Stable name of this aggregator instance, unique within the consumer group (e.g. the host"
              + " or pod name); part of its Kafka transactional.id, so a restarted instance aborts"
              + " what its crashed predecessor left open. Empty for a random one per start.");
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
  public static final ConfigKey<Boolean> LEGACY_NAMESPACE =
      ConfigKey.bool(
          "aggregator.graphite.legacy-namespace",
          "true",
          "Etsy legacyNamespace: counters as stats.<name> and stats_counts.<name>, others under"
              + " stats.timers/gauges/sets; the prefix keys below apply only when false.");
  public static final ConfigKey<String> GLOBAL_PREFIX =
      ConfigKey.string(
          "aggregator.graphite.global-prefix",
          "stats",
          "Etsy globalPrefix: first path component of every point when legacy-namespace is false;"
              + " empty for none.");
  public static final ConfigKey<String> PREFIX_COUNTER =
      ConfigKey.string(
          "aggregator.graphite.prefix-counter",
          "counters",
          "Etsy prefixCounter: counter namespace after the global prefix when legacy-namespace is"
              + " false (<prefix>.counters.<name>.rate and .count); empty for none.");
  public static final ConfigKey<String> PREFIX_TIMER =
      ConfigKey.string(
          "aggregator.graphite.prefix-timer",
          "timers",
          "Etsy prefixTimer: timer namespace after the global prefix when legacy-namespace is"
              + " false; empty for none.");
  public static final ConfigKey<String> PREFIX_GAUGE =
      ConfigKey.string(
          "aggregator.graphite.prefix-gauge",
          "gauges",
          "Etsy prefixGauge: gauge namespace after the global prefix when legacy-namespace is"
              + " false; empty for none.");
  public static final ConfigKey<String> PREFIX_SET =
      ConfigKey.string(
          "aggregator.graphite.prefix-set",
          "sets",
          "Etsy prefixSet: set namespace after the global prefix when legacy-namespace is false;"
              + " empty for none.");
  public static final ConfigKey<String> GLOBAL_SUFFIX =
      ConfigKey.string(
          "aggregator.graphite.global-suffix",
          "",
          "Etsy globalSuffix: last path component of every point (before any ;tags), in both"
              + " namespace modes; empty for none.");
  public static final ConfigKey<Boolean> DELETE_IDLE_STATS =
      ConfigKey.bool(
          "aggregator.delete-idle-stats",
          "false",
          "Etsy deleteIdleStats: idle series report nothing instead of 0 or their last level;"
              + " the default of the four delete-* keys below.");
  public static final ConfigKey<String> DELETE_COUNTERS =
      ConfigKey.string(
          "aggregator.delete-counters",
          "",
          "Etsy deleteCounters: true or false; empty follows aggregator.delete-idle-stats. Idle"
              + " counters report nothing instead of 0.");
  public static final ConfigKey<String> DELETE_TIMERS =
      ConfigKey.string(
          "aggregator.delete-timers",
          "",
          "Etsy deleteTimers: true or false; empty follows aggregator.delete-idle-stats. Idle"
              + " timers report nothing instead of count 0 and count_ps 0.");
  public static final ConfigKey<String> DELETE_GAUGES =
      ConfigKey.string(
          "aggregator.delete-gauges",
          "",
          "Etsy deleteGauges (gaugesMaxTTL 1): true or false; empty follows"
              + " aggregator.delete-idle-stats. A gauge reports only in intervals that set or"
              + " moved it, and forgets its level after.");
  public static final ConfigKey<String> DELETE_SETS =
      ConfigKey.string(
          "aggregator.delete-sets",
          "",
          "Etsy deleteSets: true or false; empty follows aggregator.delete-idle-stats. Idle sets"
              + " report nothing instead of count 0.");
  public static final ConfigKey<String> HISTOGRAM =
      ConfigKey.string(
          "aggregator.histogram",
          "",
          "Etsy histogram: timer bins as <metric>=<bound>,...;... e.g. render=0.01,0.1,1,inf;=50,inf"
              + " (first rule whose metric text occurs in the name wins, bounds ascending,"
              + " inf last); empty for none.");
  public static final ConfigKey<String> RULES_FILE =
      ConfigKey.string(
          "aggregator.rules-file",
          "",
          "Graphite carbon-aggregator rule file (output_template (frequency) = method"
              + " input_pattern) applied to each interval's points; frequency must equal the flush"
              + " interval; empty for none.");

  public static final List<ConfigKey<?>> ALL =
      List.of(
          FLUSH_INTERVAL,
          GRACE,
          MAX_OUT_OF_ORDERNESS,
          MAX_CATCH_UP,
          PERCENTILES,
          CONSUMER_GROUP,
          INSTANCE_ID,
          EXACT_TIMER_SAMPLES,
          MAX_POINTS_PER_RECORD,
          LEGACY_NAMESPACE,
          GLOBAL_PREFIX,
          PREFIX_COUNTER,
          PREFIX_TIMER,
          PREFIX_GAUGE,
          PREFIX_SET,
          GLOBAL_SUFFIX,
          DELETE_IDLE_STATS,
          DELETE_COUNTERS,
          DELETE_TIMERS,
          DELETE_GAUGES,
          DELETE_SETS,
          HISTOGRAM,
          RULES_FILE);
}
