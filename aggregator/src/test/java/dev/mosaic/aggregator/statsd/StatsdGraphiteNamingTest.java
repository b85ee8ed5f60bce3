package dev.mosaic.aggregator.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsdGraphiteNamingTest {
  @Test
  void countersUseTheLegacyNamespaces() {
    assertThat(StatsdGraphiteNaming.counterRate("api.hits")).isEqualTo("stats.api.hits");
    assertThat(StatsdGraphiteNaming.counterCount("api.hits")).isEqualTo("stats_counts.api.hits");
  }

  @Test
  void gaugesTimersAndSetsHaveTheirOwnNamespace() {
    assertThat(StatsdGraphiteNaming.gauge("db.pool")).isEqualTo("stats.gauges.db.pool");
    assertThat(StatsdGraphiteNaming.timer("api.get", "upper_90"))
        .isEqualTo("stats.timers.api.get.upper_90");
    assertThat(StatsdGraphiteNaming.timer("api.get", "sum_squares_99_9"))
        .isEqualTo("stats.timers.api.get.sum_squares_99_9");
    assertThat(StatsdGraphiteNaming.setCount("users")).isEqualTo("stats.sets.users.count");
  }

  @Test
  void tagsFollowTheWholePath() {
    assertThat(StatsdGraphiteNaming.timer("api.get;env=prod;dc=eu", "count"))
        .isEqualTo("stats.timers.api.get.count;env=prod;dc=eu");
    assertThat(StatsdGraphiteNaming.counterCount("hits;env=prod"))
        .isEqualTo("stats_counts.hits;env=prod");
    assertThat(StatsdGraphiteNaming.setCount("users;env=prod"))
        .isEqualTo("stats.sets.users.count;env=prod");
  }
}
