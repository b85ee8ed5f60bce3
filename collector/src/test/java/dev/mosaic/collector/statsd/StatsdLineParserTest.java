package dev.mosaic.collector.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.MetricSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsdLineParserTest {
  private static final long AT = 1_700_000_000_123L;

  private final StatsdLineParser parser = new StatsdLineParser();
  private final RecordingSink sink = new RecordingSink();

  private RecordingSink parse(String line) {
    parser.parse(line, AT, sink);
    return sink;
  }

  @Test
  void counter() {
    assertThat(parse("api.hits:1|c").samples)
        .containsExactly(MetricSample.counter("api.hits", 1, 1.0, AT));
  }

  @Test
  void counterWithSampleRate() {
    assertThat(parse("api.hits:3|c|@0.1").samples)
        .containsExactly(MetricSample.counter("api.hits", 3, 0.1, AT));
  }

  @Test
  void counterNegativeFractionalAndExponentValues() {
    parse("a:-2|c");
    parse("b:1.5|c");
    parse("c:1e3|c");
    parse("d:.5|c");
    parse("e:+7|c");
    assertThat(sink.samples)
        .containsExactly(
            MetricSample.counter("a", -2, 1.0, AT),
            MetricSample.counter("b", 1.5, 1.0, AT),
            MetricSample.counter("c", 1000, 1.0, AT),
            MetricSample.counter("d", 0.5, 1.0, AT),
            MetricSample.counter("e", 7, 1.0, AT));
  }

  @Test
  void sampleRateOfOneAndSmallRatesAreAccepted() {
    parse("a:1|c|@1");
    parse("b:1|c|@1.0");
    parse("c:1|c|@.001");
    assertThat(sink.samples)
        .containsExactly(
            MetricSample.counter("a", 1, 1.0, AT),
            MetricSample.counter("b", 1, 1.0, AT),
            MetricSample.counter("c", 1, 0.001, AT));
  }

  @Test
  void gaugeWithoutSignIsAbsolute() {
    parse("queue.depth:42|g");
    parse("temp:0|g");
    parse("ratio:0.25|g");
    assertThat(sink.samples)
        .containsExactly(
            MetricSample.gauge("queue.depth", 42, AT),
            MetricSample.gauge("temp", 0, AT),
            MetricSample.gauge("ratio", 0.25, AT));
  }

  @Test
  void gaugeWithLeadingSignIsDelta() {
    parse("queue.depth:+5|g");
    parse("queue.depth:-3.5|g");
    parse("queue.depth:-0|g");
    assertThat(sink.samples)
        .containsExactly(
            MetricSample.gaugeDelta("queue.depth", 5, AT),
            MetricSample.gaugeDelta("queue.depth", -3.5, AT),
            MetricSample.gaugeDelta("queue.depth", -0.0, AT));
    assertThat(sink.samples).allSatisfy(s -> assertThat(s.delta()).isTrue());
  }

  @Test
  void gaugeSampleRateIsCheckedButNotUsed() {
    assertThat(parse("g:7|g|@0.5").samples).containsExactly(MetricSample.gauge("g", 7, AT));
  }

  @Test
  void timerInMilliseconds() {
    parse("api.latency:320|ms");
    parse("api.latency:12.5|ms|@0.25");
    parse("api.latency:0|ms");
    assertThat(sink.samples)
        .containsExactly(
            MetricSample.timer("api.latency", 320, 1.0, AT),
            MetricSample.timer("api.latency", 12.5, 0.25, AT),
            MetricSample.timer("api.latency", 0, 1.0, AT));
  }

  @Test
  void histogramIsATimer() {
    assertThat(parse("payload.size:1024|h|@0.5").samples)
        .containsExactly(MetricSample.timer("payload.size", 1024, 0.5, AT));
  }

  @Test
  void setTakesTheFieldVerbatim() {
    parse("users:alice|s");
    parse("users:42|s");
    parse("users:ünï cödé|s");
    parse("users:a.b-c@d|s|@0.5");
    assertThat(sink.samples)
        .containsExactly(
            MetricSample.set("users", "alice", AT),
            MetricSample.set("users", "42", AT),
            MetricSample.set("users", "ünï cödé", AT),
            MetricSample.set("users", "a.b-c@d", AT));
  }

  @Test
  void emptySetMemberIsZeroAsInEtsy() {
    assertThat(parse("users:|s").samples).containsExactly(MetricSample.set("users", "0", AT));
  }

  @Test
  void lineWithSeveralValuesGivesOneSampleEach() {
    assertThat(parse("a:1|c:2|c|@0.5:3|ms:4|g:x|s").samples)
        .containsExactly(
            MetricSample.counter("a", 1, 1.0, AT),
            MetricSample.counter("a", 2, 0.5, AT),
            MetricSample.timer("a", 3, 1.0, AT),
            MetricSample.gauge("a", 4, AT),
            MetricSample.set("a", "x", AT));
    assertThat(sink.badLines).isEmpty();
  }

  @Test
  void badValueInMultiValueLineIsCountedOnceAndTheOthersKept() {
    parse("a:1|c:x|c:2|c");
    assertThat(sink.samples)
        .containsExactly(
            MetricSample.counter("a", 1, 1.0, AT), MetricSample.counter("a", 2, 1.0, AT));
    assertThat(sink.badLines).containsExactly(BadLineReason.INVALID_VALUE);
    assertThat(sink.badLineTexts).containsExactly("a:1|c:x|c:2|c");
  }

  @Test
  void trailingColonIsABadValue() {
    parse("a:1|c:");
    assertThat(sink.samples).containsExactly(MetricSample.counter("a", 1, 1.0, AT));
    assertThat(sink.badLines).containsExactly(BadLineReason.MISSING_TYPE);
  }

  @Test
  void nameIsSanitised() {
    assertThat(parse("my app/requests ü:1|c").samples)
        .containsExactly(MetricSample.counter("my_app-requests_", 1, 1.0, AT));
  }

  @Test
  void distributionIsATimer() {
    assertThat(parse("render.time:12.5|d|@0.5").samples)
        .containsExactly(MetricSample.timer("render.time", 12.5, 0.5, AT));
  }

  @Test
  void tagsBecomeAGraphiteTaggedNameSortedByKey() {
    parse("api.hits:1|c|#host:web-1,env:prod");
    parse("api.latency:12|ms|#env:prod");
    assertThat(sink.samples)
        .containsExactly(
            MetricSample.counter("api.hits;env=prod;host=web-1", 1, 1.0, AT),
            MetricSample.timer("api.latency;env=prod", 12, 1.0, AT));
    assertThat(sink.tagsIgnored).isZero();
  }

  @Test
  void tagOrderDoesNotChangeTheSeries() {
    parse("a:1|c|#x:1,y:2,z:3");
    parse("a:1|c|#z:3,x:1,y:2");
    assertThat(sink.samples).extracting(MetricSample::name).containsOnly("a;x=1;y=2;z=3");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @CsvSource(
      delimiter = '⇒',
      quoteCharacter = '"',
      textBlock =
          """
          api.hits:2|c|@0.5|#env:prod  ⇒ 0.5
          api.hits:2|c|#env:prod|@0.5  ⇒ 0.5
          api.hits:2|c|#env:prod       ⇒ 1.0
          api.hits:2|c|@0.5|#env:prod|@0.1 ⇒ 0.5
          api.hits:2|c|#env:prod|c:abc123|@0.5 ⇒ 1.0
          api.hits:2|c|#env:prod|T1700000000 ⇒ 1.0
          """)
  void sampleRateIsReadBeforeOrRightAfterTheTags(String line, double rate) {
    assertThat(parse(line).samples)
        .containsExactly(MetricSample.counter("api.hits;env=prod", 2, rate, AT));
    assertThat(sink.badLines).isEmpty();
  }

  @Test
  void tagsApplyToEveryValueOfTheLine() {
    assertThat(parse("a:1|c:2|ms|#env:prod").samples)
        .containsExactly(
            MetricSample.counter("a;env=prod", 1, 1.0, AT),
            MetricSample.timer("a;env=prod", 2, 1.0, AT));
  }

  @Test
  void emptyTagFieldKeepsTheBareName() {
    parse("api.hits:1|c|#");
    parse("api.hits:2|c|#,,");
    parse("api.hits:3|c|#|@0.5");
    assertThat(sink.samples)
        .containsExactly(
            MetricSample.counter("api.hits", 1, 1.0, AT),
            MetricSample.counter("api.hits", 2, 1.0, AT),
            MetricSample.counter("api.hits", 3, 0.5, AT));
    assertThat(sink.tagsIgnored).isZero();
  }

  @Test
  void tagThatSanitisesToNothingIsDroppedAndReportedOncePerLine() {
    assertThat(parse("a:1|c|#日本:x,env:日本,host:h1").samples)
        .containsExactly(MetricSample.counter("a;host=h1", 1, 1.0, AT));
    assertThat(sink.tagsIgnored).isEqualTo(1);
  }

  @Test
  void dropModeKeepsTheBareNameAndReportsTheTags() {
    StatsdLineParser dropping = new StatsdLineParser(DogStatsdTagMode.DROP);
    dropping.parse("api.hits:1|c|#env:prod,host:web-1", AT, sink);
    dropping.parse("api.hits:2|c|@0.5|#env:prod", AT, sink);
    dropping.parse("api.hits:3|c|#env:prod|@0.25", AT, sink);
    dropping.parse("api.hits:4|d|#", AT, sink);
    assertThat(sink.samples)
        .containsExactly(
            MetricSample.counter("api.hits", 1, 1.0, AT),
            MetricSample.counter("api.hits", 2, 0.5, AT),
            MetricSample.counter("api.hits", 3, 0.25, AT),
            MetricSample.timer("api.hits", 4, 1.0, AT));
    assertThat(sink.tagsIgnored).isEqualTo(3);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '⇒',
      textBlock =
          """
          a.b-c_d:1|c          ⇒ a.b-c_d
          my app/requests:1|c  ⇒ my_app-requests
          x;env=prod:1|c       ⇒ xenvprod
          """)
  void untaggedNamesAreTheSameInBothModes(String line, String name) {
    new StatsdLineParser(DogStatsdTagMode.GRAPHITE).parse(line, AT, sink);
    new StatsdLineParser(DogStatsdTagMode.DROP).parse(line, AT, sink);
    assertThat(sink.samples).extracting(MetricSample::name).containsExactly(name, name);
  }

  @Test
  void fieldsAfterTheSampleRateAreIgnoredAsInEtsy() {
    assertThat(parse("a:1|c|@0.5|T1700000000").samples)
        .containsExactly(MetricSample.counter("a", 1, 0.5, AT));
  }

  @Test
  void parsesARangeOfALongerText() {
    String text = "junk|a:1|c|junk";
    parser.parse(text, 5, 10, AT, sink);
    assertThat(sink.samples).containsExactly(MetricSample.counter("a", 1, 1.0, AT));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" → {1}")
  @CsvSource(
      delimiter = '⇒',
      quoteCharacter = '"',
      textBlock =
          """
          foo                   ⇒ MISSING_VALUE
          foo bar               ⇒ MISSING_VALUE
          foo|#a:1|c            ⇒ MISSING_VALUE
          :1|c                  ⇒ EMPTY_NAME
          日本:1|c               ⇒ EMPTY_NAME
          ;=:1|c                ⇒ EMPTY_NAME
          foo:1                 ⇒ MISSING_TYPE
          foo:                  ⇒ MISSING_TYPE
          foo:1|                ⇒ MISSING_TYPE
          foo:1||@0.5           ⇒ MISSING_TYPE
          foo:1|x               ⇒ UNKNOWN_TYPE
          foo:1|C               ⇒ UNKNOWN_TYPE
          foo:1|D               ⇒ UNKNOWN_TYPE
          foo:1|dd              ⇒ UNKNOWN_TYPE
          foo:1|kv              ⇒ UNKNOWN_TYPE
          foo:1|mss             ⇒ UNKNOWN_TYPE
          foo:1|m               ⇒ UNKNOWN_TYPE
          "foo:1|c "            ⇒ UNKNOWN_TYPE
          foo:1|c|0.5           ⇒ INVALID_SAMPLE_RATE
          foo:1|c|@             ⇒ INVALID_SAMPLE_RATE
          foo:1|c|              ⇒ INVALID_SAMPLE_RATE
          foo:1|c|@abc          ⇒ INVALID_SAMPLE_RATE
          foo:1|c|@-0.5         ⇒ INVALID_SAMPLE_RATE
          foo:1|c|@+0.5         ⇒ INVALID_SAMPLE_RATE
          foo:1|c|@1e-3         ⇒ INVALID_SAMPLE_RATE
          foo:1|c|@0.1.2        ⇒ INVALID_SAMPLE_RATE
          foo:1|c|@.            ⇒ INVALID_SAMPLE_RATE
          "foo:1|c|@ 0.5"       ⇒ INVALID_SAMPLE_RATE
          foo:1|c|@0            ⇒ SAMPLE_RATE_OUT_OF_RANGE
          foo:1|c|@0.000        ⇒ SAMPLE_RATE_OUT_OF_RANGE
          foo:1|c|@1.5          ⇒ SAMPLE_RATE_OUT_OF_RANGE
          foo:1|g|@2            ⇒ SAMPLE_RATE_OUT_OF_RANGE
          foo:x|s|@0            ⇒ SAMPLE_RATE_OUT_OF_RANGE
          foo:abc|c             ⇒ INVALID_VALUE
          foo:|c                ⇒ INVALID_VALUE
          foo:|g                ⇒ INVALID_VALUE
          foo:|ms               ⇒ INVALID_VALUE
          foo:1.2.3|c           ⇒ INVALID_VALUE
          foo:0x10|c            ⇒ INVALID_VALUE
          "foo: 1|c"            ⇒ INVALID_VALUE
          "foo:1 |c"            ⇒ INVALID_VALUE
          foo:NaN|c             ⇒ INVALID_VALUE
          foo:Infinity|g        ⇒ INVALID_VALUE
          foo:-Infinity|ms      ⇒ INVALID_VALUE
          foo:1e|c              ⇒ INVALID_VALUE
          foo:1e+|c             ⇒ INVALID_VALUE
          foo:+-1|g             ⇒ INVALID_VALUE
          foo:+|g               ⇒ INVALID_VALUE
          foo:.|c               ⇒ INVALID_VALUE
          foo:1_000|c           ⇒ INVALID_VALUE
          foo:1,5|c             ⇒ INVALID_VALUE
          foo:5d|c              ⇒ INVALID_VALUE
          foo:1e400|c           ⇒ NON_FINITE_VALUE
          foo:-1e400|g          ⇒ NON_FINITE_VALUE
          foo:1e999999999999|ms ⇒ NON_FINITE_VALUE
          foo:1e301|ms          ⇒ OUT_OF_RANGE
          foo:1e308|ms          ⇒ OUT_OF_RANGE
          foo:-1e308|g          ⇒ OUT_OF_RANGE
          foo:1e-310|ms         ⇒ OUT_OF_RANGE
          foo:-1e-301|c         ⇒ OUT_OF_RANGE
          foo:-1|ms             ⇒ NEGATIVE_TIMER
          foo:-0.001|h          ⇒ NEGATIVE_TIMER
          foo:-5|d|#env:prod    ⇒ NEGATIVE_TIMER
          :1|c|#env:prod        ⇒ EMPTY_NAME
          foo|#a:b|@0.5         ⇒ MISSING_VALUE
          foo:1|c|#a:b|@2       ⇒ SAMPLE_RATE_OUT_OF_RANGE
          """)
  void malformedLineIsReportedWithItsReasonAndGivesNoSample(String line, BadLineReason reason) {
    parse(line);
    assertThat(sink.samples).isEmpty();
    assertThat(sink.badLines).containsExactly(reason);
    assertThat(sink.badLineTexts).containsExactly(line);
  }

  @ParameterizedTest
  @CsvSource({"1e300", "-1e300", "1e-300", "-1e-300", "0", "-0"})
  void valuesAtTheEdgesOfTheRangeAreKept(String value) {
    parse("foo:" + value + "|c");
    assertThat(sink.badLines).isEmpty();
    assertThat(sink.samples)
        .singleElement()
        .extracting(MetricSample::value)
        .isEqualTo(Double.parseDouble(value));
  }
}
