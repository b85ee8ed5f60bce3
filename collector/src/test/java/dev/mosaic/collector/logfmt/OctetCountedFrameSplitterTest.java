package dev.mosaic.collector.logfmt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.collector.statsd.BadLineReason;
import dev.mosaic.collector.statsd.StatsdSink;
import dev.mosaic.contract.MetricSample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OctetCountedFrameSplitterTest {
  private static final long AT = 1_700_000_000_000L;

  private final OctetCountedFrameSplitter splitter =
      new OctetCountedFrameSplitter(new LogfmtMetricParser());
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
        public void tagsIgnored() {}
      };

  /** Frames each message with its UTF-8 length, as Logplex does. */
  static String logplex(String... messages) {
    StringBuilder body = new StringBuilder();
    for (String message : messages) {
      body.append(message.getBytes(StandardCharsets.UTF_8).length).append(' ').append(message);
    }
    return body.toString();
  }

  private int split(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return splitter.split(bytes, 0, bytes.length, AT, sink);
  }

  @Test
  void eachFrameIsParsedForMetrics() {
    String body =
        logplex(
            "<134>1 2024-05-01T10:00:00+00:00 host app web.1 - measure#db.get=50ms source=web.1",
            "<134>1 2024-05-01T10:00:01+00:00 host app web.2 - count#requests=3 path=/é",
            "<134>1 2024-05-01T10:00:02+00:00 host heroku router - at=info status=200");
    assertThat(split(body)).isEqualTo(3);
    assertThat(samples)
        .containsExactly(
            MetricSample.timer("web.1.db.get", 50, 1.0, AT),
            MetricSample.counter("requests", 3, 1.0, AT));
    assertThat(badLines).isEmpty();
  }

  @Test
  void lengthCountsBytesNotCharacters() {
    // "é" is two bytes: a character count would cut the frame before "count#b"
    assertThat(split(logplex("é count#a=1", "count#b=2"))).isEqualTo(2);
    assertThat(samples).extracting(MetricSample::name).containsExactly("a", "b");
  }

  @Test
  void newlinesBetweenFramesAreTolerated() {
    assertThat(split("9 count#a=1\n\n9 count#b=2\n")).isEqualTo(2);
    assertThat(samples).extracting(MetricSample::name).containsExactly("a", "b");
  }

  @Test
  void brokenFramingEndsTheBodyAfterTheGoodFrames() {
    assertThat(split("9 count#a=1" + "99 count#b=2")).isEqualTo(2);
    assertThat(samples).extracting(MetricSample::name).containsExactly("a");
    assertThat(badLines).containsExactly(BadLineReason.BAD_FRAME);
  }

  @Test
  void bodyWithoutLengthIsOneBadFrame() {
    assertThat(split("count#a=1 count#b=2")).isEqualTo(1);
    assertThat(split("12count#a=1")).isEqualTo(1);
    assertThat(split("12345678 x")).isEqualTo(1);
    assertThat(samples).isEmpty();
    assertThat(badLines)
        .containsExactly(BadLineReason.BAD_FRAME, BadLineReason.BAD_FRAME, BadLineReason.BAD_FRAME);
  }

  @Test
  void emptyBodyHasNoFrames() {
    assertThat(split("")).isZero();
    assertThat(split("\n")).isZero();
    assertThat(badLines).isEmpty();
  }
}
