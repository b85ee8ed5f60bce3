package dev.mosaic.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

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

class KafkaSampleBatchPublisherTest {
  private static final String TOPIC = "t.samples";
  private static final SampleBatch BATCH =
      new SampleBatch(
          List.of(MetricSample.counter("a", 1, 1.0, 1000), MetricSample.gauge("b", 2, 1000)));

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MockProducer<byte[], SampleBatch> producer =
      new MockProducer<>(
          cluster(3), false, null, new ByteArraySerializer(), new SampleBatchSerde().serializer());
  private final KafkaSampleBatchPublisher publisher =
      new KafkaSampleBatchPublisher(
          producer,
          TOPIC,
          PublishMeters.register(registry),
          new LogThrottle(new MutableClock(0), Duration.ofSeconds(10)));

  private double counter(String name) {
    return registry.get(name).counter().count();
  }

  @Test
  void batchIsOneRecordOnItsPartitionWithoutKey() {
    publisher.publish(2, BATCH);
    assertThat(producer.history()).containsExactly(new ProducerRecord<>(TOPIC, 2, null, BATCH));
  }

  @Test
  void acknowledgedSamplesAreCountedAsPublished() {
    publisher.publish(0, BATCH);
    assertThat(counter("mosaic.collector.samples.published")).isZero(); // not yet acknowledged
    producer.completeNext();
    assertThat(counter("mosaic.collector.samples.published")).isEqualTo(2);
    assertThat(counter("mosaic.collector.publish.errors")).isZero();
  }

  @Test
  void failedRecordIsCountedWithItsSamples() {
    publisher.publish(1, BATCH);
    producer.errorNext(new NetworkException("broker gone"));
    assertThat(counter("mosaic.collector.publish.errors")).isEqualTo(1);
    assertThat(counter("mosaic.collector.samples.dropped")).isEqualTo(2);
    assertThat(counter("mosaic.collector.samples.published")).isZero();
  }

  @Test
  void sendThatThrowsIsCountedNotPropagated() {
    producer.close();
    publisher.publish(1, BATCH); // MockProducer throws IllegalStateException once closed
    assertThat(counter("mosaic.collector.publish.errors")).isEqualTo(1);
    assertThat(counter("mosaic.collector.samples.dropped")).isEqualTo(2);
  }

  @Test
  void partitionCountComesFromTheProducersMetadata() {
    assertThat(publisher.awaitPartitionCount(Duration.ofSeconds(1))).isEqualTo(3);
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
