package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.aggregator.AggregatePublisher.Outcome;
import dev.mosaic.aggregator.statsd.FlushedInterval;
import dev.mosaic.aggregator.statsd.SeriesAggregates;
import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregateBatchSerde;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.MetricPartitioner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class AggregatePublisherTest {
  private static final String TOPIC = "t.aggregates";
  private static final String STATE_TOPIC = "t.aggregator-state";
  private static final int PARTITIONS = 4;
  private static final long START = 1_700_000_000_000L;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(
          cluster(), true, null, new ByteArraySerializer(), new ByteArraySerializer());

  private static final TopicPartition SAMPLES_0 = new TopicPartition("t.samples", 0);
  private static final ConsumerGroupMetadata GROUP = new ConsumerGroupMetadata("g");

  AggregatePublisherTest() {
    producer.initTransactions();
  }

  private Outcome publish(int maxPointsPerRecord, List<FlushedInterval> intervals) {
    return publisher(maxPointsPerRecord).publish(intervals, Map.of(), GROUP);
  }

  private static AggregateBatch batch(ProducerRecord<byte[], byte[]> record) {
    return AggregateBatchSerde.decode(record.value());
  }

  private AggregatePublisher publisher(int maxPointsPerRecord) {
    return new AggregatePublisher(
        producer,
        TOPIC,
        STATE_TOPIC,
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

    Outcome outcome = publish(10_000, List.of(new FlushedInterval(START, 10_000, series)));

    assertThat(outcome).isEqualTo(Outcome.PUBLISHED);
    assertThat(meters.counter("published").count()).isEqualTo(16.0);
    List<ProducerRecord<byte[], byte[]>> records = producer.history();
    assertThat(records).extracting(ProducerRecord::partition).doesNotHaveDuplicates();
    for (ProducerRecord<byte[], byte[]> record : records) {
      assertThat(record.topic()).isEqualTo(TOPIC);
      assertThat(record.key()).isNull();
      AggregateBatch batch = AggregateBatchSerde.decode(record.value());
      assertThat(batch.intervalStartMillis()).isEqualTo(START);
      assertThat(batch.intervalMillis()).isEqualTo(10_000);
      assertThat(batch.points())
          .allSatisfy(
              point -> {
                String source = point.name().split("\\.")[1];
                assertThat(MetricPartitioner.partitionFor(source, PARTITIONS))
                    .isEqualTo(record.partition());
              });
    }
    assertThat(records.stream().mapToInt(r -> batch(r).points().size()).sum()).isEqualTo(16);
  }

  @Test
  void partitionWithMorePointsThanTheLimitIsSplitInOrder() {
    FlushedInterval interval = new FlushedInterval(START, 10_000, List.of(series("a", 7)));

    publish(3, List.of(interval));

    assertThat(producer.history())
        .extracting(r -> batch(r).points().size())
        .containsExactly(3, 3, 1);
    assertThat(producer.history())
        .flatExtracting(r -> batch(r).points())
        .containsExactlyElementsOf(interval.series().get(0).points());
  }

  /**
   * Many series over every partition, cut both by the point limit and by the size bound: each
   * partition's records, in the order sent, hold exactly its series' points in the interval's
   * order, every record but the last of a partition full up to whichever bound it met first.
   */
  @Test
  void recordsOfEachPartitionHoldItsPointsInOrderCutAtTheLimits() {
    List<SeriesAggregates> series = new ArrayList<>();
    for (int s = 0; s < 400; s++) {
      series.add(series("src" + s, 1 + s % 14));
    }
    // 2,800 short points cut at 1,000; two names of 450 KB (estimated) cut at the size bound
    String longName = "x".repeat(150_000);
    series.add(
        new SeriesAggregates(
            "long",
            List.of(
                new AggregatePoint(longName, 1, START / 1000),
                new AggregatePoint(longName + "y", 2, START / 1000))));
    series.add(series("after", 3));
    FlushedInterval interval = new FlushedInterval(START, 10_000, series);

    publish(1_000, List.of(interval));

    Map<Integer, List<AggregatePoint>> expected = new java.util.TreeMap<>();
    for (SeriesAggregates s : series) {
      expected
          .computeIfAbsent(
              MetricPartitioner.partitionFor(s.sourceName(), PARTITIONS), p -> new ArrayList<>())
          .addAll(s.points());
    }
    for (Map.Entry<Integer, List<AggregatePoint>> partition : expected.entrySet()) {
      List<AggregateBatch> batches =
          producer.history().stream()
              .filter(r -> r.partition() == partition.getKey())
              .map(AggregatePublisherTest::batch)
              .toList();
      assertThat(batches.stream().flatMap(b -> b.points().stream()).toList())
          .containsExactlyElementsOf(partition.getValue());
      for (int i = 0; i < batches.size(); i++) {
        List<AggregatePoint> points = batches.get(i).points();
        int estimated = points.stream().mapToInt(p -> p.name().length() * 3 + 16).sum();
        assertThat(
                points.size() <= 1_000
                    && (points.size() == 1 || estimated <= AggregatePublisher.MAX_RECORD_BYTES))
            .as("record %d of partition %d within the limits", i, partition.getKey())
            .isTrue();
        if (i == batches.size() - 1) {
          break;
        }
        AggregatePoint nextPoint = batches.get(i + 1).points().get(0);
        assertThat(
                points.size() == 1_000
                    || estimated + nextPoint.name().length() * 3 + 16
                        > AggregatePublisher.MAX_RECORD_BYTES)
            .as("record %d of partition %d ends at a limit", i, partition.getKey())
            .isTrue();
      }
    }
  }

  @Test
  void stateRecordsGoToTheSeriesPartitionInTheSameTransaction() {
    Map<String, byte[]> state = new java.util.LinkedHashMap<>();
    state.put("gauge:api.users", new byte[8]);
    state.put("counter:api.hits", new byte[0]);
    state.put("timer:gone", null);

    Outcome outcome =
        publisher(10)
            .publish(
                List.of(new FlushedInterval(START, 10_000, List.of(series("a", 1)))),
                state,
                Map.of(SAMPLES_0, new OffsetAndMetadata(42, "marker")),
                GROUP);

    assertThat(outcome).isEqualTo(Outcome.PUBLISHED);
    assertThat(producer.transactionCommitted()).isTrue();
    List<ProducerRecord<byte[], byte[]>> saved =
        producer.history().stream().filter(r -> r.topic().equals(STATE_TOPIC)).toList();
    assertThat(saved)
        .extracting(r -> new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))
        .containsExactly("gauge:api.users", "counter:api.hits", "timer:gone");
    assertThat(saved)
        .extracting(ProducerRecord::partition)
        .containsExactly(
            MetricPartitioner.partitionFor("api.users", PARTITIONS),
            MetricPartitioner.partitionFor("api.hits", PARTITIONS),
            MetricPartitioner.partitionFor("gone", PARTITIONS));
    assertThat(saved.get(2).value()).isNull();
    // The state records do not count as published aggregates.
    assertThat(meters.counter("published").count()).isEqualTo(1.0);
  }

  @Test
  void emptyIntervalSendsNothing() {
    assertThat(publish(10, List.of(new FlushedInterval(START, 10_000, List.of()))))
        .isEqualTo(Outcome.PUBLISHED);
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void offsetsAreCommittedInTheSameTransactionAsThePoints() {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        Map.of(SAMPLES_0, new OffsetAndMetadata(42, "marker"));

    Outcome outcome =
        publisher(10)
            .publish(
                List.of(new FlushedInterval(START, 10_000, List.of(series("a", 1)))),
                offsets,
                GROUP);

    assertThat(outcome).isEqualTo(Outcome.PUBLISHED);
    assertThat(producer.transactionCommitted()).isTrue();
    assertThat(producer.history()).hasSize(1);
    assertThat(producer.consumerGroupOffsetsHistory()).containsExactly(Map.of("g", offsets));
  }

  @Test
  void refusedTransactionIsAbortedCountedAndReported() {
    producer.commitTransactionException = new KafkaException("broker gone");

    Outcome outcome =
        publish(10, List.of(new FlushedInterval(START, 10_000, List.of(series("a", 1)))));

    assertThat(outcome).isEqualTo(Outcome.REFUSED);
    assertThat(producer.transactionAborted()).isTrue();
    assertThat(producer.history()).isEmpty();
    assertThat(meters.counter("failures").count()).isEqualTo(1.0);
    assertThat(meters.counter("published").count()).isZero();
  }

  @Test
  void offsetsRefusedForAStaleGenerationMeanTheGroupMoved() {
    producer.sendOffsetsToTransactionException = new CommitFailedException("generation is stale");

    Outcome outcome =
        publisher(10)
            .publish(
                List.of(new FlushedInterval(START, 10_000, List.of(series("a", 1)))),
                Map.of(SAMPLES_0, new OffsetAndMetadata(1)),
                GROUP);

    assertThat(outcome).isEqualTo(Outcome.GROUP_MOVED);
    assertThat(producer.transactionAborted()).isTrue();
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void fencedProducerIsFatal() {
    producer.commitTransactionException = new ProducerFencedException("newer epoch");

    assertThatThrownBy(
            () -> publish(10, List.of(new FlushedInterval(START, 10_000, List.of(series("a", 1))))))
        .isInstanceOf(ProducerFencedException.class);
  }

  private static Cluster cluster() {
    Node node = new Node(0, "127.0.0.1", 9092);
    List<PartitionInfo> partitions =
        Stream.of(TOPIC, STATE_TOPIC)
            .flatMap(
                topic ->
                    IntStream.range(0, PARTITIONS)
                        .mapToObj(
                            p ->
                                new PartitionInfo(
                                    topic, p, node, new Node[] {node}, new Node[] {node})))
            .toList();
    return new Cluster("test", List.of(node), partitions, Set.of(), Set.of());
  }
}
