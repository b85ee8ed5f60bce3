package dev.mosaic.aggregator.statsd;

/**
 * The Graphite paths Etsy StatsD 0.9's graphite backend writes with its defaults ({@code
 * legacyNamespace: true}, global prefix {@code stats}, no suffix, {@code flush_counts: true}).
 *
 * <pre>
 *   SeriesRegistry → StatsdGraphiteNaming → AggregatePoint#name → carbon
 * </pre>
 *
 * <p>A name carrying tags ({@code api.hits;env=prod}, as Etsy builds from DogStatsD {@code |#}
 * tags) keeps them after the whole path: {@code stats.timers.api.hits.upper;env=prod}.
 */
public final class StatsdGraphiteNaming {
  private StatsdGraphiteNaming() {}

  /** {@code stats.<name>}: a counter's per-second rate. */
  public static String counterRate(String name) {
    return path("stats.", name, "");
  }

  /** {@code stats_counts.<name>}: a counter's count. */
  public static String counterCount(String name) {
    return path("stats_counts.", name, "");
  }

  /** {@code stats.gauges.<name>}. */
  public static String gauge(String name) {
    return path("stats.gauges.", name, "");
  }

  /** {@code stats.timers.<name>.<field>}, e.g. field {@code upper_90}. */
  public static String timer(String name, String field) {
    return path("stats.timers.", name, "." + field);
  }

  /** {@code stats.sets.<name>.count}: the number of distinct members. */
  public static String setCount(String name) {
    return path("stats.sets.", name, ".count");
  }

  private static String path(String namespace, String name, String field) {
    int tags = name.indexOf(';');
    if (tags < 0) {
      return namespace + name + field;
    }
    return namespace + name.substring(0, tags) + field + name.substring(tags);
  }
}
