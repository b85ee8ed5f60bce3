package dev.mosaic.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mosaic.collector.testing.CollectorFixture;
import dev.mosaic.collector.testing.SamplesTopicReader;
import dev.mosaic.collector.testing.SamplesTopicReader.Received;
import dev.mosaic.contract.MetricPartitioner;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.MetricType;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class CollectorServiceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final Clock clock = Clock.systemUTC();

  @Test
  void garbageInAPacketIsCountedAndTheValidLinesAroundItArrive(EmbeddedKafkaBroker kafka)
      throws Exception {
    try (CollectorFixture collector = new CollectorFixture(kafka.bootstrapServers(), clock);
        SamplesTopicReader reader =
            new SamplesTopicReader(kafka.bootstrapServers(), collector.samplesTopic())) {
      collector.service.start();
      assertThat(collector.service.statsdPort()).isPositive();

      long before = clock.millis();
      collector.send(
          "shop.orders:3|c|@0.5\n"
              + "\u0000\u00ff definitely not statsd\n"
              + "shop.cart:oops|g\n"
              + "shop.api latency/p:12.5|ms\n");
      await().atMost(TIMEOUT).until(() -> reader.samples().size() >= 2);
      long after = clock.millis();

      List<MetricSample> samples = reader.samples();
      assertThat(samples).hasSize(2);
      long at = samples.get(0).receivedAtMillis();
      assertThat(at).isBetween(before, after);
      assertThat(samples)
          .containsExactlyInAnyOrder(
              MetricSample.counter("shop.orders", 3, 0.5, at),
              MetricSample.timer("shop.api_latency-p", 12.5, 1.0, at));
      assertThat(collector.counter("mosaic.collector.statsd.bad_lines", "reason", "missing_value"))
          .isEqualTo(1);
      assertThat(collector.counter("mosaic.collector.statsd.bad_lines", "reason", "invalid_value"))
          .isEqualTo(1);
      assertThat(collector.counter("mosaic.collector.statsd.lines")).isEqualTo(4);

      collector.send("shop.users:alice|s\nshop.stock:-4|g");
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(reader.samples())
                      .extracting(MetricSample::name, MetricSample::type, MetricSample::value)
                      .contains(
                          org.assertj.core.groups.Tuple.tuple("shop.users", MetricType.SET, 0.0),
                          org.assertj.core.groups.Tuple.tuple(
                              "shop.stock", MetricType.GAUGE, -4.0)));
      assertThat(reader.samples())
          .filteredOn(s -> s.name().equals("shop.stock"))
          .singleElement()
          .satisfies(s -> assertThat(s.delta()).isTrue());
      // Etsy's own counters, as Etsy counts them: 2 datagrams, 6 non-empty lines, 2 of them bad.
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                assertThat(reader.ownCounterTotal("statsd.packets_received")).isEqualTo(2);
                assertThat(reader.ownCounterTotal("statsd.metrics_received")).isEqualTo(6);
                assertThat(reader.ownCounterTotal("statsd.bad_lines_seen")).isEqualTo(2);
              });
      assertThat(reader.ownCounters())
          .allSatisfy(s -> assertThat(s.receivedAtMillis()).isGreaterThanOrEqualTo(before));
      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  collector.counter("mosaic.collector.samples.published")
                      == 4 + reader.ownCounters().size());
      assertThat(collector.counter("mosaic.collector.publish.errors")).isZero();
    }
  }

  @Test
  void everyRecordHoldsOnlyNamesOfItsPartition(EmbeddedKafkaBroker kafka) throws Exception {
    try (CollectorFixture collector = new CollectorFixture(kafka.bootstrapServers(), clock);
        SamplesTopicReader reader =
            new SamplesTopicReader(kafka.bootstrapServers(), collector.samplesTopic())) {
      collector.service.start();
      StringBuilder packet = new StringBuilder();
      for (int i = 0; i < 40; i++) {
        packet.append("svc.metric").append(i).append(':').append(i).append("|c\n");
      }
      collector.send(packet.toString());
      await().atMost(TIMEOUT).until(() -> reader.poll().size() >= 40);

      List<Received> received = reader.poll();
      assertThat(received).hasSize(40);
      int partitions = collector.kafka.partitions();
      assertThat(received)
          .allSatisfy(
              r ->
                  assertThat(r.partition())
                      .isEqualTo(MetricPartitioner.partitionFor(r.sample().name(), partitions)));
      assertThat(received.stream().map(Received::partition).distinct()).hasSizeGreaterThan(1);
    }
  }

  @Test
  void closePublishesWhatIsStillBatched(EmbeddedKafkaBroker kafka) throws Exception {
    try (CollectorFixture collector =
            new CollectorFixture(
                kafka.bootstrapServers(),
                clock,
                "--collector.publish.linger=1m",
                "--collector.publish.max-batch-samples=100000");
        SamplesTopicReader reader =
            new SamplesTopicReader(kafka.bootstrapServers(), collector.samplesTopic())) {
      collector.service.start();
      collector.send("held.a:1|c\nheld.b:2|c");
      await()
          .atMost(TIMEOUT)
          .until(() -> collector.counter("mosaic.collector.samples.received") == 2);
      assertThat(collector.counter("mosaic.collector.samples.published")).isZero();

      collector.service.close();
      collector.service.close(); // idempotent

      // the two samples, plus Etsy's own counters drained at close: 1 packet, 2 metrics
      assertThat(collector.counter("mosaic.collector.samples.published")).isEqualTo(2 + 2);
      await().atMost(TIMEOUT).until(() -> reader.samples().size() >= 2);
      assertThat(reader.samples())
          .extracting(MetricSample::name)
          .containsExactlyInAnyOrder("held.a", "held.b");
      await().atMost(TIMEOUT).until(() -> reader.ownCounters().size() >= 2);
      assertThat(reader.ownCounterTotal("statsd.packets_received")).isEqualTo(1);
      assertThat(reader.ownCounterTotal("statsd.metrics_received")).isEqualTo(2);
    }
  }

  @Test
  void portIsKnownOnlyWhileListening(EmbeddedKafkaBroker kafka) throws Exception {
    try (CollectorFixture collector = new CollectorFixture(kafka.bootstrapServers(), clock)) {
      assertThatThrownBy(collector.service::statsdPort).isInstanceOf(IllegalStateException.class);
      collector.service.start();
      int port = collector.service.statsdPort();
      assertThat(port).isBetween(1, 65535);
      assertThatThrownBy(collector.service::start).isInstanceOf(IllegalStateException.class);
      collector.service.close();
      assertThatThrownBy(collector.service::statsdPort).isInstanceOf(IllegalStateException.class);
    }
  }
}
