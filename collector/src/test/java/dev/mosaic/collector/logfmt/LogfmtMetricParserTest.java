package dev.mosaic.collector.logfmt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.collector.statsd.BadLineReason;
import dev.mosaic.collector.statsd.StatsdSink;
import dev.mosaic.contract.MetricSample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogfmtMetricParserTest {
  private static final long AT = 1_700_000_000_000L;

  private final LogfmtMetricParser parser = new LogfmtMetricParser();
  private final List<MetricSample> samples = new ArrayList<>();
  private final List<BadLineReason> badLines = new ArrayList<>();
  private final StatsdSink sink =
      new StatsdSink() {
        @Override
        public void sample(MetricSample sample) {
          samples.add(sample);
        }

        @Override
        public void badLine(BadLineReason reason, CharSequence line) {
          badLines.add(reason);
        }

        @Override
        public void tagsIgnored() {
          throw new AssertionError("logfmt has no tags");
        }
      };

  @Test
  void theFieldExampleGivesThreeTimersInMilliseconds() {
    int lines =
        parser.parse("measure#cache.get=4ms measure#db.get=50ms measure#cache.put=4ms", AT, sink);
    assertThat(lines).isEqualTo(1);
    assertThat(samples)
        .containsExactly(
            MetricSample.timer("cache.get", 4, 1.0, AT),
            MetricSample.timer("db.get", 50, 1.0, AT),
            MetricSample.timer("cache.put", 4, 1.0, AT));
    assertThat(badLines).isEmpty();
  }

  @Test
  void everyKindAmongOrdinaryLogText() {
    parser.parse(
        "at=info method=GET path=/ count#requests=2 sample#queue.depth=-3"
            + " unique#users=alice count#hits measure#body=12.5 status=200",
        AT,
        sink);
    assertThat(samples)
        .containsExactly(
            MetricSample.counter("requests", 2, 1.0, AT),
            MetricSample.gauge("queue.depth", -3, AT),
            MetricSample.set("users", "alice", AT),
            MetricSample.counter("hits", 1, 1.0, AT),
            MetricSample.timer("body", 12.5, 1.0, AT));
  }

  @Test
  void sourcePrefixesEveryNameWhereverItStands() {
    parser.parse("measure#db.get=5ms source=web.1 count#req=1", AT, sink);
    assertThat(samples)
        .containsExactly(
            MetricSample.timer("web.1.db.get", 5, 1.0, AT),
            MetricSample.counter("web.1.req", 1, 1.0, AT));
  }

  @Test
  void timeUnitsBecomeMillisecondsAndOtherUnitsJoinTheName() {
    parser.parse(
        "measure#a=2s measure#b=1500us measure#c=3ns measure#d=1min measure#e=1h"
            + " sample#mem=20MB sample#load=0.5",
        AT,
        sink);
    assertThat(samples)
        .containsExactly(
            MetricSample.timer("a", 2000, 1.0, AT),
            MetricSample.timer("b", 1.5, 1.0, AT),
            MetricSample.timer("c", 3e-6, 1.0, AT),
            MetricSample.timer("d", 60_000, 1.0, AT),
            MetricSample.timer("e", 3_600_000, 1.0, AT),
            MetricSample.gauge("mem.MB", 20, AT),
            MetricSample.gauge("load", 0.5, AT));
  }

  @Test
  void namesAreSanitisedAsStatsdNames() {
    parser.parse("count#api/v1\u00e9.hits=1 source=host\u00a0a", AT, sink);
    assertThat(samples).containsExactly(MetricSample.counter("host_a.api-v1.hits", 1, 1.0, AT));
  }

  @Test
  void lineWithoutMetricsGivesNothingAndEmptyLineIsNotALine() {
    assertThat(parser.parse("GET /index.html 200 measure=5 count=3", AT, sink)).isEqualTo(1);
    assertThat(parser.parse("", AT, sink)).isZero();
    assertThat(samples).isEmpty();
    assertThat(badLines).isEmpty();
  }

  @Test
  void oneBadTokenLeavesTheOthersOfTheLine() {
    parser.parse("measure#a=x count#b=1 measure#c=-1ms", AT, sink);
    assertThat(samples).containsExactly(MetricSample.counter("b", 1, 1.0, AT));
    assertThat(badLines).containsExactly(BadLineReason.INVALID_VALUE, BadLineReason.NEGATIVE_TIMER);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" → {1}")
  @CsvSource(
      delimiter = '⇒',
      quoteCharacter = '"',
      textBlock =
          """
          measure#=5               ⇒ EMPTY_NAME
          count#日本=1              ⇒ EMPTY_NAME
          measure#x                ⇒ MISSING_VALUE
          sample#x                 ⇒ MISSING_VALUE
          unique#x                 ⇒ MISSING_VALUE
          measure#x=               ⇒ INVALID_VALUE
          measure#x=ms             ⇒ INVALID_VALUE
          sample#x=1,5             ⇒ INVALID_VALUE
          count#x=0x10             ⇒ INVALID_VALUE
          sample#x=NaN             ⇒ INVALID_VALUE
          measure#x=5m/s           ⇒ INVALID_VALUE
          measure#x=1e400          ⇒ NON_FINITE_VALUE
          measure#x=1e308          ⇒ OUT_OF_RANGE
          sample#x=-1e301          ⇒ OUT_OF_RANGE
          measure#x=1e-310         ⇒ OUT_OF_RANGE
          measure#x=1e-299ns       ⇒ OUT_OF_RANGE
          measure#x=-2             ⇒ NEGATIVE_TIMER
          """)
  void badTokenIsReportedWithItsReason(String line, BadLineReason reason) {
    parser.parse(line, AT, sink);
    assertThat(samples).isEmpty();
    assertThat(badLines).containsExactly(reason);
  }
}
