package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.aggregator.statsd.IdleSeriesPolicy;
import dev.mosaic.aggregator.statsd.PercentileThreshold;
import dev.mosaic.aggregator.statsd.StatsdGraphiteNaming;
import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregatorSettingsTest {
  private static AggregatorSettings load(String... args) throws ConfigException {
    return AggregatorSettings.from(
        new ConfigLoader(AggregatorKeys.ALL, Set.of()).load(List.of(args), Map.of()));
  }

  @Test
  void defaults() throws Exception {
    AggregatorSettings settings = load();

    assertThat(settings.flushInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.grace()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.maxCatchUp()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.percentiles()).containsExactly(PercentileThreshold.parse("90"));
    assertThat(settings.consumerGroup()).isEqualTo("mosaic-aggregator");
    assertThat(settings.exactTimerSamples()).isEqualTo(128);
    assertThat(settings.maxPointsPerRecord()).isEqualTo(10_000);
    assertThat(settings.naming()).isEqualTo(StatsdGraphiteNaming.DEFAULTS);
    assertThat(settings.idle()).isEqualTo(IdleSeriesPolicy.KEEP_ALL);
    assertThat(settings.histograms().ruleCount()).isZero();
  }

  @Test
  void graphiteNamingKeysBuildTheNaming() throws Exception {
    AggregatorSettings settings =
        load(
            "--aggregator.graphite.legacy-namespace=false",
            "--aggregator.graphite.global-prefix=app",
            "--aggregator.graphite.prefix-counter=c",
            "--aggregator.graphite.prefix-timer=t",
            "--aggregator.graphite.prefix-gauge=g",
            "--aggregator.graphite.prefix-set=s",
            "--aggregator.graphite.global-suffix=host1");

    assertThat(settings.naming())
        .isEqualTo(new StatsdGraphiteNaming(false, "app", "c", "t", "g", "s", "host1"));
  }

  @Test
  void prefixWithWhitespaceIsRefused() {
    assertThatThrownBy(() -> load("--aggregator.graphite.global-suffix=a b"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "command line --aggregator.graphite.global-suffix: aggregator.graphite.global-suffix:"
                + " 'a b' must not contain whitespace or ';'");
  }

  @Test
  void deleteIdleStatsIsTheDefaultOfEachDeleteKey() throws Exception {
    assertThat(load("--aggregator.delete-idle-stats=true").idle())
        .isEqualTo(new IdleSeriesPolicy(true, true, true, true));
    assertThat(
            load("--aggregator.delete-idle-stats=true", "--aggregator.delete-gauges=false").idle())
        .isEqualTo(new IdleSeriesPolicy(true, true, false, true));
    assertThat(load("--aggregator.delete-timers=true").idle())
        .isEqualTo(new IdleSeriesPolicy(false, true, false, false));
  }

  @Test
  void deleteKeyThatIsNotABooleanIsRefused() {
    assertThatThrownBy(() -> load("--aggregator.delete-sets=yes"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "command line --aggregator.delete-sets: aggregator.delete-sets: 'yes' is not true,"
                + " false or empty");
  }

  @Test
  void histogramThatDoesNotParseNamesTheKey() {
    assertThatThrownBy(() -> load("--aggregator.histogram=api=10,5"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "command line --aggregator.histogram: aggregator.histogram: rule 'api': bounds must be"
                + " ascending, '5' is not above the one before");
  }

  @Test
  void histogramRulesAreParsed() throws Exception {
    assertThat(load("--aggregator.histogram=api=10,inf;=5").histograms().ruleCount()).isEqualTo(2);
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
  void defaultGraceBecomesHalfAnIntervalOfTwoSecondsOrLess() throws Exception {
    assertThat(load("--aggregator.flush-interval=2s").grace()).isEqualTo(Duration.ofSeconds(1));
    assertThat(load("--aggregator.flush-interval=1s").grace()).isEqualTo(Duration.ofMillis(500));
    assertThat(load("--aggregator.flush-interval=3s").grace()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void graceAsLongAsTheIntervalIsRefused() {
    assertThatThrownBy(() -> load("--aggregator.flush-interval=2s", "--aggregator.grace=2s"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("command line --aggregator.grace: aggregator.grace: 2000ms");
  }

  @Test
  void defaultOutOfOrdernessIs500msOrHalfTheGraceWhenThatIsShorter() throws Exception {
    assertThat(load().maxOutOfOrderness()).isEqualTo(Duration.ofMillis(500));
    assertThat(load("--aggregator.grace=200ms").maxOutOfOrderness())
        .isEqualTo(Duration.ofMillis(100));
    assertThat(load("--aggregator.flush-interval=1s").maxOutOfOrderness())
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void outOfOrdernessAsLongAsTheGraceIsRefused() {
    assertThatThrownBy(() -> load("--aggregator.grace=1s", "--aggregator.max-out-of-orderness=1s"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "command line --aggregator.max-out-of-orderness: aggregator.max-out-of-orderness:"
                + " 1000ms must be shorter than aggregator.grace (1000ms)");
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

  @Test
  void ruleFileErrorNamesTheKeyTheFileAndTheLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.conf");
    Files.writeString(file, "ok (10) = sum a.*\nbad (10) = median a.*\n");

    assertThatThrownBy(() -> load("--aggregator.rules-file=" + file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "command line --aggregator.rules-file: aggregator.rules-file: "
                + file
                + ":2: unknown method 'median' (sum, avg, min, max or count)");
  }

  @Test
  void ruleFileIsRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.conf");
    Files.writeString(file, "ok (10) = sum a.*\n");

    assertThat(load("--aggregator.rules-file=" + file).rules().rules()).hasSize(1);
    assertThat(load().rules().rules()).isEmpty();
  }
}
