package dev.mosaic.collector.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.MetricSample;
import org.junit.jupiter.api.Test;

class StatsdPacketSplitterTest {
  private static final long AT = 1_700_000_000_000L;

  private final StatsdPacketSplitter splitter = new StatsdPacketSplitter(new StatsdLineParser());
  private final RecordingSink sink = new RecordingSink();

  @Test
  void eachLineIsParsed() {
    int lines = splitter.split("a:1|c\nb:2|g\nc:3|ms", AT, false, sink);
    assertThat(lines).isEqualTo(3);
    assertThat(sink.samples)
        .containsExactly(
            MetricSample.counter("a", 1, 1.0, AT),
            MetricSample.gauge("b", 2, AT),
            MetricSample.timer("c", 3, 1.0, AT));
  }

  @Test
  void crlfLineEndsWork() {
    int lines = splitter.split("a:1|c\r\nb:x|s\r\n", AT, false, sink);
    assertThat(lines).isEqualTo(2);
    assertThat(sink.samples)
        .containsExactly(MetricSample.counter("a", 1, 1.0, AT), MetricSample.set("b", "x", AT));
    assertThat(sink.badLines).isEmpty();
  }

  @Test
  void emptyLinesAreSkippedWithoutATrace() {
    int lines = splitter.split("\n\na:1|c\n\r\n\n", AT, false, sink);
    assertThat(lines).isEqualTo(1);
    assertThat(sink.samples).containsExactly(MetricSample.counter("a", 1, 1.0, AT));
    assertThat(sink.badLines).isEmpty();
    assertThat(splitter.split("", AT, false, sink)).isZero();
  }

  @Test
  void garbageLineDoesNotStopTheLinesAfterIt() {
    int lines = splitter.split("a:1|c\n%%% garbage %%%\nb:1|x\nc:2|c", AT, false, sink);
    assertThat(lines).isEqualTo(4);
    assertThat(sink.samples)
        .containsExactly(
            MetricSample.counter("a", 1, 1.0, AT), MetricSample.counter("c", 2, 1.0, AT));
    assertThat(sink.badLines)
        .containsExactly(BadLineReason.MISSING_VALUE, BadLineReason.UNKNOWN_TYPE);
  }

  @Test
  void unterminatedLastLineOfAPossiblyTruncatedPacketIsReportedNotParsed() {
    // "b:2|c|@0.12" could have been "b:2|c|@0.125" before the kernel cut it: never trust it.
    int lines = splitter.split("a:1|c\nb:2|c|@0.12", AT, true, sink);
    assertThat(lines).isEqualTo(2);
    assertThat(sink.samples).containsExactly(MetricSample.counter("a", 1, 1.0, AT));
    assertThat(sink.badLines).containsExactly(BadLineReason.TRUNCATED);
    assertThat(sink.badLineTexts).containsExactly("b:2|c|@0.12");
  }

  @Test
  void possiblyTruncatedPacketEndingInANewlineLosesNothing() {
    splitter.split("a:1|c\nb:2|c\n", AT, true, sink);
    assertThat(sink.samples)
        .containsExactly(
            MetricSample.counter("a", 1, 1.0, AT), MetricSample.counter("b", 2, 1.0, AT));
    assertThat(sink.badLines).isEmpty();
  }
}
