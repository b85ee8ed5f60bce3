package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.aggregator.statsd.FlushedInterval;
import dev.mosaic.aggregator.statsd.SeriesAggregates;
import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregateBatchSerde;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.MetricPartitioner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class AggregatePublisherTest {
  private static final String TOPIC = "t.aggregates";
  private static final int PARTITIONS = 4;
  private static final long START = 1_700_000_000_000L;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MockProducer<byte[], AggregateBatch> producer =
      new MockProducer<>(
          cluster(), true, null, new ByteArraySerializer(), new AggregateBatchSerde().serializer());

  private AggregatePublisher publisher(int maxPointsPerRecord) {
    return new AggregatePublisher(
        producer,
        TOPIC,
        maxPointsPerRecord,
        meters.counter("published"),
        meters.counter("failures"));
  }

  private static SeriesAggregates series(String source, int points) {
    List<AggregatePoint> list = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      list.add(new AggregatePoint("stats." + source + ".f" + i, i, START / 1000));
    }
    return new SeriesAggregates(source, list);
  }

  @Test
  void eachPartitionGetsOneBatchWithThePointsOfItsSourceMetrics() {
    List<SeriesAggregates> series = new ArrayList<>();
    for (String source : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
      series.add(series(source, 2));
    }

    boolean delivered =
        publisher(10_000).publish(List.of(new FlushedInterval(START, 10_000, series)));

    assertThat(delivered).isTrue();
    assertThat(meters.counter("published").count()).isEqualTo(16.0);
    List<ProducerRecord<byte[], AggregateBatch>> records = producer.history();
    assertThat(records).extracting(ProducerRecord::partition).doesNotHaveDuplicates();
    for (ProducerRecord<byte[], AggregateBatch> record : records) {
      assertThat(record.topic()).isEqualTo(TOPIC);
      assertThat(record.key()).isNull();
      assertThat(record.value().intervalStartMillis()).isEqualTo(START);
      assertThat(record.value().intervalMillis()).isEqualTo(10_000);
      assertThat(record.value().points())
          .allSatisfy(
              point -> {
                String source = point.name().split("\\.")[1];
                assertThat(MetricPartitioner.partitionFor(source, PARTITIONS))
                    .isEqualTo(record.partition());
              });
    }
    assertThat(records.stream().mapToInt(r -> r.value().points().size()).sum()).isEqualTo(16);
  }

  @Test
  void partitionWithMorePointsThanTheLimitIsSplitInOrder() {
    FlushedInterval interval = new FlushedInterval(START, 10_000, List.of(series("a", 7)));

    publisher(3).publish(List.of(interval));

    assertThat(producer.history())
        .extracting(r -> r.value().points().size())
        .containsExactly(3, 3, 1);
    assertThat(producer.history())
        .flatExtracting(r -> r.value().points())
        .containsExactlyElementsOf(interval.series().get(0).points());
  }

  @Test
  void emptyIntervalSendsNothing() {
    assertThat(publisher(10).publish(List.of(new FlushedInterval(START, 10_000, List.of()))))
        .isTrue();
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void sendFailureIsCountedAndReported() {
    producer.sendException = new KafkaException("broker gone");

    boolean delivered =
        publisher(10).publish(List.of(new FlushedInterval(START, 10_000, List.of(series("a", 1)))));

    assertThat(delivered).isFalse();
    assertThat(meters.counter("failures").count()).isEqualTo(1.0);
    assertThat(meters.counter("published").count()).isZero();
  }

  private static Cluster cluster() {
    Node node = new Node(0, "127.0.0.1", 9092);
    List<PartitionInfo> partitions =
        IntStream.range(0, PARTITIONS)
            .mapToObj(p -> new PartitionInfo(TOPIC, p, node, new Node[] {node}, new Node[] {node}))
            .toList();
    return new Cluster("test", List.of(node), partitions, Set.of(), Set.of());
  }
}
