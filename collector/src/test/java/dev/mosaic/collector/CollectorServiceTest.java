package dev.mosaic.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mosaic.collector.testing.CollectorFixture;
import dev.mosaic.collector.testing.SamplesTopicReader;
import dev.mosaic.collector.testing.SamplesTopicReader.Received;
import dev.mosaic.collector.testing.SamplesTopicReader.Record;
import dev.mosaic.contract.MetricPartitioner;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.MetricType;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.record.TimestampType;
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
  void idleCollectorSendsEveryPartitionHeartbeatsStampedNowMinusLinger(EmbeddedKafkaBroker kafka)
      throws Exception {
    long startedBefore = System.currentTimeMillis();
    try (CollectorFixture collector =
            new CollectorFixture(
                kafka.bootstrapServers(),
                clock,
                "--collector.publish.linger=50ms",
                "--collector.publish.heartbeat-interval=250ms");
        SamplesTopicReader reader =
            new SamplesTopicReader(kafka.bootstrapServers(), collector.samplesTopic())) {
      collector.service.start();
      int partitions = collector.kafka.partitions();
      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  IntStream.range(0, partitions)
                      .allMatch(
                          p ->
                              reader.records().stream().filter(r -> r.partition() == p).count()
                                  >= 2));
      List<Record> records = reader.records();
      long readBy = System.currentTimeMillis(); // every record read was sent before this
      assertThat(records)
          .allSatisfy(
              r -> {
                assertThat(r.heartbeat()).isTrue();
                assertThat(r.type()).isEqualTo(TimestampType.CREATE_TIME);
                assertThat(r.timestamp()).isBetween(startedBefore - 50, readBy - 50);
              });
      assertThat(collector.counter("mosaic.collector.publish.heartbeats"))
          .isGreaterThanOrEqualTo(2.0 * partitions);
      assertThat(collector.counter("mosaic.collector.samples.published")).isZero();
    }
  }

  /**
   * While one partition carries a batch about every linger, heartbeats go only to the others: on
   * the busy partition a heartbeat may only sit between two batches at least the heartbeat interval
   * apart (the load may stall the sender now and then, which is when a heartbeat is due).
   */
  @Test
  void partitionCarryingBatchesGetsNoHeartbeatsBetweenThem(EmbeddedKafkaBroker kafka)
      throws Exception {
    long interval = 250;
    try (CollectorFixture collector =
            new CollectorFixture(
                kafka.bootstrapServers(),
                clock,
                "--collector.publish.linger=20ms",
                "--collector.publish.heartbeat-interval=" + interval + "ms");
        SamplesTopicReader reader =
            new SamplesTopicReader(kafka.bootstrapServers(), collector.samplesTopic())) {
      collector.service.start();
      int busy = MetricPartitioner.partitionFor("busy.hits", collector.kafka.partitions());
      long until = System.currentTimeMillis() + 2_000;
      int sent = 0;
      while (System.currentTimeMillis() < until) {
        collector.send("busy.hits:1|c");
        sent++;
        Thread.sleep(10); // pacing the traffic, not waiting for a result
      }
      assertThat(sent).isPositive();
      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  reader.samples().size()
                      >= collector.counter("mosaic.collector.samples.received"));

      List<Record> onBusy = reader.records().stream().filter(r -> r.partition() == busy).toList();
      List<Record> batches = onBusy.stream().filter(r -> !r.heartbeat()).toList();
      assertThat(batches).hasSizeGreaterThan(10);
      for (int i = 1; i < onBusy.size() - 1; i++) {
        if (onBusy.get(i).heartbeat()) {
          Record before = lastBatchBefore(onBusy, i);
          Record after = firstBatchAfter(onBusy, i);
          if (before != null && after != null) {
            // Half the interval, not all of it: the record times are taken a moment after the
            // publisher's own clock reading, and a loaded machine can stretch that moment.
            assertThat(after.timestamp() - before.timestamp())
                .as("batches around the heartbeat at offset %d", onBusy.get(i).offset())
                .isGreaterThanOrEqualTo(interval / 2);
          }
        }
      }
      assertThat(reader.records())
          .anySatisfy(
              r -> {
                assertThat(r.partition()).isNotEqualTo(busy);
                assertThat(r.heartbeat()).isTrue();
              });
    }
  }

  private static Record lastBatchBefore(List<Record> records, int index) {
    for (int i = index - 1; i >= 0; i--) {
      if (!records.get(i).heartbeat()) {
        return records.get(i);
      }
    }
    return null;
  }

  private static Record firstBatchAfter(List<Record> records, int index) {
    for (int i = index + 1; i < records.size(); i++) {
      if (!records.get(i).heartbeat()) {
        return records.get(i);
      }
    }
    return null;
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
