package dev.mosaic.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.collector.testing.CollectorFixture;
import dev.mosaic.collector.testing.SamplesTopicReader;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every input other than StatsD over UDP, end to end through a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class CollectorListenersTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final Clock clock = Clock.systemUTC();

  @Test
  void statsdOverTcpOnTheUdpPortNumberArrives(EmbeddedKafkaBroker kafka) throws Exception {
    try (CollectorFixture collector =
            new CollectorFixture(kafka.bootstrapServers(), clock, "--collector.max-series=3");
        SamplesTopicReader reader =
            new SamplesTopicReader(kafka.bootstrapServers(), collector.samplesTopic())) {
      collector.service.start();
      int port = collector.service.statsdPort();
      CollectorFixture.sendTcp(
          port, "tcp.hits:1|c\ntcp.lat", "ency:12|ms\r\n\u0000junk\n", "tcp.depth:4|g");
      await().atMost(TIMEOUT).until(() -> reader.samples().size() >= 3);
      collector.send("udp.hits:2|c\nudp.new:1|c\ntcp.hits:5|c"); // over the limit of 3 names
      await()
          .atMost(TIMEOUT)
          .until(() -> collector.counter("mosaic.collector.statsd.dropped_cardinality") == 2);
      await().atMost(TIMEOUT).until(() -> reader.samples().size() >= 4);
      List<MetricSample> samples = reader.samples();
      assertThat(samples)
          .extracting(MetricSample::name, MetricSample::value)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("tcp.hits", 1.0),
              org.assertj.core.groups.Tuple.tuple("tcp.hits", 5.0),
              org.assertj.core.groups.Tuple.tuple("tcp.latency", 12.0),
              org.assertj.core.groups.Tuple.tuple("tcp.depth", 4.0));
      assertThat(collector.counter("mosaic.collector.statsd_tcp.lines")).isEqualTo(4);
      assertThat(
              collector.counter("mosaic.collector.statsd_tcp.bad_lines", "reason", "missing_value"))
          .isEqualTo(1);
    }
  }

  @Test
  void tagModeDropKeepsBareNamesOverUdpAndTcp(EmbeddedKafkaBroker kafka) throws Exception {
    try (CollectorFixture collector =
            new CollectorFixture(kafka.bootstrapServers(), clock, "--collector.statsd.tags=drop");
        SamplesTopicReader reader =
            new SamplesTopicReader(kafka.bootstrapServers(), collector.samplesTopic())) {
      collector.service.start();
      collector.send("udp.hits:2|c|#env:prod");
      CollectorFixture.sendTcp(collector.service.statsdPort(), "tcp.lat:7|d|#env:prod|@0.5\n");
      await().atMost(TIMEOUT).until(() -> reader.samples().size() >= 2);
      assertThat(reader.samples())
          .extracting(MetricSample::name, MetricSample::value, MetricSample::sampleRate)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("udp.hits", 2.0, 1.0),
              org.assertj.core.groups.Tuple.tuple("tcp.lat", 7.0, 0.5));
      assertThat(collector.counter("mosaic.collector.statsd.ignored_tags")).isEqualTo(1);
      assertThat(collector.counter("mosaic.collector.statsd_tcp.ignored_tags")).isEqualTo(1);
    }
  }

  @Test
  void logLinesOverTcpArriveAsSamples(EmbeddedKafkaBroker kafka) throws Exception {
    try (CollectorFixture collector = new CollectorFixture(kafka.bootstrapServers(), clock);
        SamplesTopicReader reader =
            new SamplesTopicReader(kafka.bootstrapServers(), collector.samplesTopic())) {
      collector.service.start();
      CollectorFixture.sendTcp(
          collector.service.logsPort(),
          "2024-05-01 INFO source=api measure#cache.get=4ms measure#db.get=0.05s\n",
          "GET / 200 count#requests=1 unique#users=bob measure#bad=x\n");

      await().atMost(TIMEOUT).until(() -> reader.samples().size() >= 4);
      assertThat(reader.samples())
          .extracting(MetricSample::name, MetricSample::value)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("api.cache.get", 4.0),
              org.assertj.core.groups.Tuple.tuple("api.db.get", 50.0),
              org.assertj.core.groups.Tuple.tuple("requests", 1.0),
              org.assertj.core.groups.Tuple.tuple("users", 0.0));
      assertThat(collector.counter("mosaic.collector.logs.lines")).isEqualTo(2);
      assertThat(collector.counter("mosaic.collector.logs.bad_lines", "reason", "invalid_value"))
          .isEqualTo(1);
    }
  }

  @Test
  void drainPostIsAnswered204AndItsMetricsArrive(EmbeddedKafkaBroker kafka) throws Exception {
    try (CollectorFixture collector =
            new CollectorFixture(
                kafka.bootstrapServers(),
                clock,
                "--collector.drain.enabled=true",
                "--collector.drain.username=heroku",
                "--collector.drain.password=s3cret");
        SamplesTopicReader reader =
            new SamplesTopicReader(kafka.bootstrapServers(), collector.samplesTopic())) {
      collector.service.start();
      String message = "<134>1 2024-05-01T10:00:00+00:00 host app web.1 - count#orders=3";
      String body = message.length() + " " + message;
      String auth = "Basic aGVyb2t1OnMzY3JldA=="; // heroku:s3cret

      assertThat(collector.postDrain("/logs", body, null)).isEqualTo(401);
      assertThat(collector.postDrain("/logs", body, auth)).isEqualTo(204);

      await().atMost(TIMEOUT).until(() -> reader.samples().size() >= 1);
      assertThat(reader.samples())
          .extracting(MetricSample::name, MetricSample::value)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", 3.0));
    }
  }

  @Test
  void idleTcpConnectionIsClosedByTheCollector(EmbeddedKafkaBroker kafka) throws Exception {
    try (CollectorFixture collector =
        new CollectorFixture(
            kafka.bootstrapServers(), clock, "--collector.tcp.idle-timeout=200ms")) {
      collector.service.start();
      try (Socket socket =
          new Socket(InetAddress.getLoopbackAddress(), collector.service.statsdPort())) {
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        InputStream in = socket.getInputStream();
        assertThat(in.read()).isEqualTo(-1); // the server closed it
      }
      assertThat(collector.counter("mosaic.collector.statsd_tcp.idle_closed")).isEqualTo(1);
    }
  }
}
