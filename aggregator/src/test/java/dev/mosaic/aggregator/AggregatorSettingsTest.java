package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.aggregator.statsd.PercentileThreshold;
import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AggregatorSettingsTest {
  private static AggregatorSettings load(String... args) throws ConfigException {
    return AggregatorSettings.from(
        new ConfigLoader(AggregatorKeys.ALL, Set.of()).load(List.of(args), Map.of()));
  }

  @Test
  void defaults() throws Exception {
    AggregatorSettings settings = load();

    assertThat(settings.flushInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.grace()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.maxCatchUp()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.percentiles()).containsExactly(PercentileThreshold.parse("90"));
    assertThat(settings.consumerGroup()).isEqualTo("mosaic-aggregator");
    assertThat(settings.exactTimerSamples()).isEqualTo(128);
    assertThat(settings.maxPointsPerRecord()).isEqualTo(10_000);
  }

  @Test
  void everyKeyIsInItsSectionWithADocLine() {
    assertThat(AggregatorKeys.ALL)
        .allSatisfy(
            key -> {
              assertThat(key.name()).startsWith("aggregator.");
              assertThat(key.doc()).isNotBlank();
            });
  }

  @Test
  void percentileListThatDoesNotParseNamesTheKeyAndSource() {
    assertThatThrownBy(() -> load("--aggregator.percentiles=90,ninety"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "command line --aggregator.percentiles: aggregator.percentiles: 'ninety' is not a"
                + " number");
  }

  @Test
  void graceAsLongAsTheIntervalIsRefused() {
    assertThatThrownBy(() -> load("--aggregator.flush-interval=2s", "--aggregator.grace=2s"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("command line --aggregator.grace: aggregator.grace: 2000ms");
  }

  @Test
  void catchUpWindowShorterThanTheIntervalIsRefused() {
    assertThatThrownBy(
            () -> load("--aggregator.flush-interval=60s", "--aggregator.max-catch-up=30s"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "command line --aggregator.max-catch-up: aggregator.max-catch-up: 30000ms must be at"
                + " least aggregator.flush-interval (60000ms)");
  }

  @Test
  void intervalThatIsNotWholeSecondsIsRefused() {
    assertThatThrownBy(() -> load("--aggregator.flush-interval=1500ms"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("aggregator.flush-interval: '1500ms' is not whole seconds");
  }

  @Test
  void emptyPercentileListMeansNoThresholds() throws Exception {
    assertThat(load("--aggregator.percentiles=").percentiles()).isEmpty();
  }
}
