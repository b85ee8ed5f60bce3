package dev.mosaic.aggregator.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsdGraphiteNamingTest {
  @Test
  void countersUseTheLegacyNamespaces() {
    assertThat(StatsdGraphiteNaming.DEFAULTS.counterRate("api.hits")).isEqualTo("stats.api.hits");
    assertThat(StatsdGraphiteNaming.DEFAULTS.counterCount("api.hits"))
        .isEqualTo("stats_counts.api.hits");
  }

  @Test
  void gaugesTimersAndSetsHaveTheirOwnNamespace() {
    assertThat(StatsdGraphiteNaming.DEFAULTS.gauge("db.pool")).isEqualTo("stats.gauges.db.pool");
    assertThat(StatsdGraphiteNaming.DEFAULTS.timer("api.get", "upper_90"))
        .isEqualTo("stats.timers.api.get.upper_90");
    assertThat(StatsdGraphiteNaming.DEFAULTS.timer("api.get", "sum_squares_99_9"))
        .isEqualTo("stats.timers.api.get.sum_squares_99_9");
    assertThat(StatsdGraphiteNaming.DEFAULTS.setCount("users")).isEqualTo("stats.sets.users.count");
  }

  @Test
  void tagsFollowTheWholePath() {
    assertThat(StatsdGraphiteNaming.DEFAULTS.timer("api.get;env=prod;dc=eu", "count"))
        .isEqualTo("stats.timers.api.get.count;env=prod;dc=eu");
    assertThat(StatsdGraphiteNaming.DEFAULTS.counterCount("hits;env=prod"))
        .isEqualTo("stats_counts.hits;env=prod");
    assertThat(StatsdGraphiteNaming.DEFAULTS.setCount("users;env=prod"))
        .isEqualTo("stats.sets.users.count;env=prod");
  }

  private static final StatsdGraphiteNaming NON_LEGACY =
      new StatsdGraphiteNaming(false, "stats", "counters", "timers", "gauges", "sets", "");

  @Test
  void withoutLegacyNamespaceCountersGetRateAndCountUnderTheirPrefix() {
    assertThat(NON_LEGACY.counterRate("api.hits")).isEqualTo("stats.counters.api.hits.rate");
    assertThat(NON_LEGACY.counterCount("api.hits")).isEqualTo("stats.counters.api.hits.count");
    assertThat(NON_LEGACY.gauge("db.pool")).isEqualTo("stats.gauges.db.pool");
    assertThat(NON_LEGACY.timer("api.get", "upper_90")).isEqualTo("stats.timers.api.get.upper_90");
    assertThat(NON_LEGACY.setCount("users")).isEqualTo("stats.sets.users.count");
  }

  @Test
  void customPrefixesAndSuffixComeBeforeTheTags() {
    StatsdGraphiteNaming naming =
        new StatsdGraphiteNaming(false, "app", "c", "t", "g", "s", "host1");

    assertThat(naming.counterRate("hits;env=prod")).isEqualTo("app.c.hits.rate.host1;env=prod");
    assertThat(naming.counterCount("hits")).isEqualTo("app.c.hits.count.host1");
    assertThat(naming.timer("api.get", "histogram.bin_10"))
        .isEqualTo("app.t.api.get.histogram.bin_10.host1");
    assertThat(naming.gauge("pool")).isEqualTo("app.g.pool.host1");
    assertThat(naming.setCount("users")).isEqualTo("app.s.users.count.host1");
  }

  @Test
  void emptyPrefixesAreLeftOutWithoutEmptyComponents() {
    StatsdGraphiteNaming naming = new StatsdGraphiteNaming(false, "", "", "timers", "", "", "");

    assertThat(naming.counterRate("hits")).isEqualTo("hits.rate");
    assertThat(naming.gauge("pool")).isEqualTo("pool");
    assertThat(naming.timer("api", "count")).isEqualTo("timers.api.count");
  }

  @Test
  void legacyNamespaceIgnoresPrefixesButKeepsTheSuffix() {
    StatsdGraphiteNaming naming = new StatsdGraphiteNaming(true, "app", "c", "t", "g", "s", "sfx");

    assertThat(naming.counterRate("hits")).isEqualTo("stats.hits.sfx");
    assertThat(naming.counterCount("hits;env=prod")).isEqualTo("stats_counts.hits.sfx;env=prod");
    assertThat(naming.timer("api", "count")).isEqualTo("stats.timers.api.count.sfx");
    assertThat(naming.gauge("pool")).isEqualTo("stats.gauges.pool.sfx");
    assertThat(naming.setCount("users")).isEqualTo("stats.sets.users.count.sfx");
  }
}
