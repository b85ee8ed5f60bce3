package dev.mosaic.aggregator.statsd;

import java.util.StringJoiner;

/**
 * The Graphite paths Etsy StatsD 0.9's graphite backend writes, under its naming settings ({@code
 * legacyNamespace}, {@code globalPrefix}, {@code prefixCounter}, {@code prefixTimer}, {@code
 * prefixGauge}, {@code prefixSet}, {@code globalSuffix}; always {@code flush_counts: true}).
 *
 * <pre>
 *   SeriesRegistry → StatsdGraphiteNaming → AggregatePoint#name → carbon
 * </pre>
 *
 * <p>With {@code legacyNamespace} (the default) the prefixes are ignored: counters are {@code
 * stats.<name>} and {@code stats_counts.<name>}, the others {@code stats.timers}, {@code
 * stats.gauges}, {@code stats.sets}. Without it each namespace is the non-empty ones of {@code
 * globalPrefix} and the type's prefix, and counters become {@code <ns>.<name>.rate} and {@code
 * <ns>.<name>.count}. The suffix, as in Etsy, applies in both modes, after the field. A name
 * carrying tags ({@code api.hits;env=prod}, as Etsy builds from DogStatsD {@code |#} tags) keeps
 * them after the whole path: {@code stats.timers.api.hits.upper;env=prod}.
 */
public final class StatsdGraphiteNaming {
  /** Etsy's defaults: {@code legacyNamespace: true}, no suffix. */
  public static final StatsdGraphiteNaming DEFAULTS =
      new StatsdGraphiteNaming(true, "stats", "counters", "timers", "gauges", "sets", "");

  private final boolean legacy;
  private final String counterRate;
  private final String counterCount;
  private final String timers;
  private final String gauges;
  private final String sets;
  private final String suffix;
  private final Settings settings;
  private final String ownNamespace;

  /** The settings as given, for equality and the start-up log. */
  private record Settings(
      boolean legacyNamespace,
      String globalPrefix,
      String prefixCounter,
      String prefixTimer,
      String prefixGauge,
      String prefixSet,
      String globalSuffix) {}

  /**
   * @param legacyNamespace Etsy's {@code legacyNamespace}; when true the prefixes are ignored
   * @param globalPrefix Etsy's {@code globalPrefix}, may be empty
   * @param prefixCounter Etsy's {@code prefixCounter}, may be empty
   * @param prefixTimer Etsy's {@code prefixTimer}, may be empty
   * @param prefixGauge Etsy's {@code prefixGauge}, may be empty
   * @param prefixSet Etsy's {@code prefixSet}, may be empty
   * @param globalSuffix Etsy's {@code globalSuffix}; empty means none (Etsy's "unset")
   */
  public StatsdGraphiteNaming(
      boolean legacyNamespace,
      String globalPrefix,
      String prefixCounter,
      String prefixTimer,
      String prefixGauge,
      String prefixSet,
      String globalSuffix) {
    this.legacy = legacyNamespace;
    if (legacyNamespace) {
      counterRate = "stats.";
      counterCount = "stats_counts.";
      timers = "stats.timers.";
      gauges = "stats.gauges.";
      sets = "stats.sets.";
    } else {
      counterRate = namespace(globalPrefix, prefixCounter);
      counterCount = counterRate;
      timers = namespace(globalPrefix, prefixTimer);
      gauges = namespace(globalPrefix, prefixGauge);
      sets = namespace(globalPrefix, prefixSet);
    }
    this.suffix = globalSuffix.isEmpty() ? "" : "." + globalSuffix;
    // Etsy: globalNamespace.concat(prefixStats), globalNamespace being ['stats'] in legacy mode.
    this.ownNamespace = legacyNamespace ? "stats.statsd." : namespace(globalPrefix, "statsd");
    this.settings =
        new Settings(
            legacyNamespace,
            globalPrefix,
            prefixCounter,
            prefixTimer,
            prefixGauge,
            prefixSet,
            globalSuffix);
  }

  /** {@code stats.<name>}, or {@code <counters>.<name>.rate}: a counter's per-second rate. */
  public String counterRate(String name) {
    return path(counterRate, name, legacy ? "" : ".rate");
  }

  /** {@code stats_counts.<name>}, or {@code <counters>.<name>.count}: a counter's count. */
  public String counterCount(String name) {
    return path(counterCount, name, legacy ? "" : ".count");
  }

  /** {@code stats.gauges.<name>}. */
  public String gauge(String name) {
    return path(gauges, name, "");
  }

  /**
   * {@code stats.timers.<name>.<field>}, e.g. field {@code upper_90} or {@code histogram.bin_10}.
   */
  public String timer(String name, String field) {
    // One concatenation, not path(…, "." + field): a flush builds over a million of these.
    int tags = name.indexOf(';');
    if (tags < 0) {
      return timers + name + "." + field + suffix;
    }
    return timers + name.substring(0, tags) + "." + field + suffix + name.substring(tags);
  }

  /** {@code stats.sets.<name>.count}: the number of distinct members. */
  public String setCount(String name) {
    return path(sets, name, ".count");
  }

  /**
   * A metric StatsD writes about itself, e.g. {@code graphiteStats.calculationtime} → {@code
   * stats.statsd.graphiteStats.calculationtime}, or {@code <global>.statsd.…} without legacy
   * namespace.
   */
  public String own(String field) {
    return ownNamespace + field + suffix;
  }

  /**
   * {@code statsd.numStats}: in legacy mode Etsy writes it without the {@code stats.} prefix that
   * its other own metrics have.
   */
  public String numStats() {
    return legacy ? "statsd.numStats" + suffix : own("numStats");
  }

  private String path(String namespace, String name, String field) {
    int tags = name.indexOf(';');
    if (tags < 0) {
      return namespace + name + field + suffix;
    }
    return namespace + name.substring(0, tags) + field + suffix + name.substring(tags);
  }

  /** The non-empty parts joined by dots, with a trailing dot unless there are none. */
  private static String namespace(String... parts) {
    StringJoiner joined = new StringJoiner(".");
    for (String part : parts) {
      if (!part.isEmpty()) {
        joined.add(part);
      }
    }
    return joined.length() == 0 ? "" : joined + ".";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StatsdGraphiteNaming naming && settings.equals(naming.settings);
  }

  @Override
  public int hashCode() {
    return settings.hashCode();
  }

  @Override
  public String toString() {
    return settings.toString();
  }
}
