package dev.mosaic.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.testing.MutableClock;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.SampleBatch;
import dev.mosaic.contract.SampleBatchSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class PartitionHeartbeatsTest {
  private static final String TOPIC = "t.samples";
  private static final long START = 1_700_000_000_000L;
  private static final Duration INTERVAL = Duration.ofMillis(250);
  private static final Duration LINGER = Duration.ofMillis(50);
  private static final SampleBatch BATCH =
      new SampleBatch(List.of(MetricSample.counter("a", 1, 1.0, START)));
  private static final SampleBatch EMPTY = new SampleBatch(List.of());

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(START);
  private final MockProducer<byte[], SampleBatch> producer =
      new MockProducer<>(
          cluster(3), false, null, new ByteArraySerializer(), new SampleBatchSerde().serializer());
  private final PartitionHeartbeats heartbeats =
      new PartitionHeartbeats(
          new KafkaSampleBatchPublisher(
              producer,
              TOPIC,
              PublishMeters.register(registry),
              new LogThrottle(clock, Duration.ofSeconds(10))),
          3,
          INTERVAL,
          LINGER,
          clock);

  @Test
  void everyIdlePartitionGetsAnEmptyBatchStampedNowMinusLingerAtEachBeat() {
    assertThat(heartbeats.beat()).isEqualTo(3);
    clock.advance(INTERVAL);
    assertThat(heartbeats.beat()).isEqualTo(3);

    assertThat(producer.history())
        .containsExactly(
            heartbeat(0, START - 50),
            heartbeat(1, START - 50),
            heartbeat(2, START - 50),
            heartbeat(0, START + 200),
            heartbeat(1, START + 200),
            heartbeat(2, START + 200));
  }

  @Test
  void partitionThatCarriedABatchWithinTheIntervalGetsNoHeartbeat() {
    heartbeats.publish(1, BATCH);
    clock.advance(INTERVAL.minusMillis(1));
    assertThat(heartbeats.beat()).isEqualTo(2);
    assertThat(producer.history())
        .containsExactly(
            new ProducerRecord<>(TOPIC, 1, null, BATCH),
            heartbeat(0, START + 199),
            heartbeat(2, START + 199));

    clock.advance(Duration.ofMillis(1));
    heartbeats.beat();

    assertThat(producer.history()).contains(heartbeat(1, START + 200));
  }

  @Test
  void wallClockSteppedBackStillBeats() {
    heartbeats.publish(0, BATCH);
    clock.advance(Duration.ofMinutes(-5));

    assertThat(heartbeats.beat()).isEqualTo(3);
  }

  @Test
  void acknowledgedHeartbeatsAreCountedApartFromSamples() {
    heartbeats.publish(0, BATCH);
    heartbeats.beat();
    producer.completeNext(); // the batch
    producer.completeNext();
    producer.errorNext(new NetworkException("broker gone"));

    assertThat(registry.get("mosaic.collector.publish.heartbeats").counter().count()).isEqualTo(1);
    assertThat(registry.get("mosaic.collector.samples.published").counter().count()).isEqualTo(1);
    assertThat(registry.get("mosaic.collector.publish.errors").counter().count()).isZero();
    assertThat(registry.get("mosaic.collector.samples.dropped").counter().count()).isZero();
  }

  @Test
  void heartbeatToAClosedProducerIsNotThrown() {
    producer.close();
    assertThat(heartbeats.beat()).isEqualTo(3);
    assertThat(registry.get("mosaic.collector.publish.heartbeats").counter().count()).isZero();
  }

  @Test
  void intervalMustBePositive() {
    assertThatThrownBy(() -> new PartitionHeartbeats(null, 3, Duration.ZERO, LINGER, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ProducerRecord<byte[], SampleBatch> heartbeat(int partition, long timestamp) {
    return new ProducerRecord<>(TOPIC, partition, timestamp, null, EMPTY);
  }

  private static Cluster cluster(int partitions) {
    Node node = new Node(0, "localhost", 9092);
    List<PartitionInfo> infos =
        IntStream.range(0, partitions)
            .mapToObj(p -> new PartitionInfo(TOPIC, p, node, new Node[] {node}, new Node[] {node}))
            .toList();
    return new Cluster("c", List.of(node), infos, Set.of(), Set.of());
  }
}
