package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.aggregator.statsd.IntervalAggregator;
import dev.mosaic.aggregator.statsd.PercentileThreshold;
import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.SampleBatch;
import dev.mosaic.contract.SampleBatchSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The consumer loop against Kafka's in-memory client doubles, stepped one poll at a time. */
class AggregationLoopTest {
  private static final String SAMPLES = "samples";
  private static final String AGGREGATES = "aggregates";
  private static final TopicPartition P0 = new TopicPartition(SAMPLES, 0);

  /** A multiple of the 10 s interval. */
  private static final long T = 1_700_000_000_000L;

  private static final long L = 10_000;
  private static final long GRACE = 1_000;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(T);
  private final ScriptedConsumer consumer = new ScriptedConsumer();
  private final FlakyProducer producer = new FlakyProducer();
  private final AggregationLoop loop =
      new AggregationLoop(
          consumer,
          new AggregatePublisher(
              producer,
              AGGREGATES,
              1000,
              meters.counter("mosaic.aggregator.points.published"),
              meters.counter("mosaic.aggregator.publish_failures")),
          new IntervalAggregator(
              Duration.ofMillis(L),
              Duration.ofMillis(GRACE),
              Duration.ofMinutes(5),
              List.of(PercentileThreshold.parse("90")),
              128,
              meters),
          SAMPLES,
          L,
          clock,
          meters);
  private final List<ConsumerRecord<byte[], byte[]>> log = new ArrayList<>();

  AggregationLoopTest() {
    Node node = new Node(0, "localhost", 9092);
    consumer.updatePartitions(
        SAMPLES, List.of(new PartitionInfo(SAMPLES, 0, node, new Node[0], new Node[0])));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    loop.subscribe();
    consumer.rebalance(List.of(P0));
  }

  @Test
  void emptyAssignmentDuringAnEagerRebalancePublishesNothingAndTheIntervalKeepsItsValue() {
    append(MetricSample.counter("c", 1, 1.0, T - 5_000));
    append(MetricSample.counter("c", 7, 1.0, T + 100));
    pollAt(T + GRACE);
    assertThat(published()).containsOnlyKeys(T - L);

    consumer.rebalance(List.of());
    pollAt(T + L + GRACE + 100);
    pollAt(T + 2 * L + GRACE + 100);
    assertThat(published()).containsOnlyKeys(T - L);

    consumer.rebalance(List.of(P0));
    redeliverFrom(consumer.committed(Set.of(P0)).get(P0).offset());
    pollAt(T + 2 * L + GRACE + 200);

    assertThat(published().get(T)).containsEntry("stats_counts.c", 7.0);
    assertThat(published().get(T + L)).containsEntry("stats_counts.c", 0.0);
    assertThat(meters.counter("mosaic.aggregator.late_samples").count()).isZero();
  }

  @Test
  void lateSampleAfterAReassignmentDoesNotRepublishAnIntervalThePreviousOwnerPublished() {
    consumer.rebalance(List.of());
    consumer.commitSync(Map.of(P0, new OffsetAndMetadata(0, new CommitMarker(T, 0).encode())));
    consumer.rebalance(List.of(P0));
    append(MetricSample.counter("c", 5, 1.0, T - 3_000));
    append(MetricSample.counter("c", 1, 1.0, T + 100));

    pollAt(T + L + GRACE);

    assertThat(published()).containsOnlyKeys(T);
    assertThat(published().get(T)).containsEntry("stats_counts.c", 6.0);
    assertThat(meters.counter("mosaic.aggregator.late_samples").count()).isEqualTo(1.0);
  }

  @Test
  void timerValuesTheHistogramCannotHoldAreCountedAndTheRestStillPublished() {
    List<MetricSample> samples = new ArrayList<>();
    samples.addAll(Collections.nCopies(129, MetricSample.timer("t", 1e308, 1.0, T + 100)));
    samples.addAll(Collections.nCopies(128, MetricSample.timer("u", 0, 1.0, T + 100)));
    samples.add(MetricSample.timer("u", 1e-310, 1.0, T + 100));
    samples.add(MetricSample.counter("c", 3, 1.0, T + 100));
    appendBatch(samples);

    pollAt(T + 500);
    pollAt(T + L + GRACE);

    assertThat(meters.counter("mosaic.aggregator.bad_samples").count()).isEqualTo(130.0);
    assertThat(published().get(T))
        .containsEntry("stats_counts.c", 3.0)
        .containsEntry("stats.timers.u.count", 128.0)
        .containsEntry("stats.timers.u.upper", 0.0)
        .doesNotContainKey("stats.timers.t.count");
    assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).isEqualTo(1);
  }

  @Test
  void commitTimeoutIsRetriedAtTheNextFlush() {
    append(MetricSample.counter("c", 1, 1.0, T + 100));
    consumer.commitFailure = new TimeoutException("coordinator unavailable");
    pollAt(T + L + GRACE);
    assertThat(published()).containsOnlyKeys(T);
    assertThat(consumer.committed(Set.of(P0))).isEmpty();

    consumer.commitFailure = null;
    append(MetricSample.counter("c", 2, 1.0, T + L + 100));
    pollAt(T + 2 * L + GRACE);

    assertThat(published().get(T + L)).containsEntry("stats_counts.c", 2.0);
    assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).isEqualTo(2);
  }

  @Test
  void commitErrorThatRetryingCannotFixEscapesTheLoop() {
    append(MetricSample.counter("c", 1, 1.0, T + 100));
    consumer.commitFailure = new GroupAuthorizationException("not allowed");
    clock.set(T + L + GRACE);

    assertThatThrownBy(loop::pollOnce).isInstanceOf(GroupAuthorizationException.class);
  }

  @Test
  void intervalKafkaRefusedIsPublishedAgainAndNotCommittedBefore() {
    append(MetricSample.counter("c", 7, 1.0, T + 100));
    producer.failing = true;
    pollAt(T + L + GRACE);
    assertThat(published()).isEmpty();
    assertThat(meters.counter("mosaic.aggregator.publish_failures").count()).isPositive();

    append(MetricSample.counter("c", 2, 1.0, T + L + 100));
    pollAt(T + 2 * L + GRACE);
    assertThat(published()).isEmpty();
    assertThat(consumer.committed(Set.of(P0))).isEmpty();

    producer.failing = false;
    pollAt(T + 2 * L + GRACE + 1_000);
    pollAt(T + 2 * L + GRACE + 1_100);

    assertThat(published().get(T)).containsEntry("stats_counts.c", 7.0);
    assertThat(published().get(T + L)).containsEntry("stats_counts.c", 2.0);
    assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).isEqualTo(2);
  }

  private void pollAt(long now) {
    clock.set(now);
    loop.pollOnce();
  }

  private void append(MetricSample sample) {
    appendBatch(List.of(sample));
  }

  /** Appends one record to the partition's log and offers it to the consumer. */
  private void appendBatch(List<MetricSample> samples) {
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(
            SAMPLES, 0, log.size(), null, SampleBatchSerde.encode(new SampleBatch(samples)));
    log.add(record);
    consumer.addRecord(record);
    consumer.updateEndOffsets(Map.of(P0, (long) log.size()));
  }

  /** What a broker does after a seek or reassignment: delivers the log again from there. */
  private void redeliverFrom(long offset) {
    log.subList((int) offset, log.size()).forEach(consumer::addRecord);
  }

  /** Interval start → point name → value; a later write of a point wins, as in Graphite. */
  private Map<Long, Map<String, Double>> published() {
    Map<Long, Map<String, Double>> points = new TreeMap<>();
    for (ProducerRecord<byte[], AggregateBatch> record : producer.history()) {
      for (AggregatePoint point : record.value().points()) {
        points
            .computeIfAbsent(record.value().intervalStartMillis(), s -> new TreeMap<>())
            .put(point.name(), point.value());
      }
    }
    return points;
  }

  /** A consumer whose commits fail while {@link #commitFailure} is set. */
  private static final class ScriptedConsumer extends MockConsumer<byte[], byte[]> {
    RuntimeException commitFailure;

    ScriptedConsumer() {
      super("earliest");
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
      if (commitFailure != null) {
        throw commitFailure;
      }
      super.commitSync(offsets);
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
      commitSync(offsets);
    }
  }

  /** A producer whose sends Kafka refuses while {@link #failing} is set; only taken ones count. */
  private static final class FlakyProducer extends MockProducer<byte[], AggregateBatch> {
    volatile boolean failing;
    private final List<ProducerRecord<byte[], AggregateBatch>> taken = new ArrayList<>();

    FlakyProducer() {
      super(true, null, (topic, key) -> key, (topic, batch) -> new byte[0]);
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
      return Stream.of(0, 1)
          .map(p -> new PartitionInfo(topic, p, null, new Node[0], new Node[0]))
          .toList();
    }

    @Override
    public synchronized Future<RecordMetadata> send(
        ProducerRecord<byte[], AggregateBatch> record, Callback callback) {
      if (failing) {
        return CompletableFuture.failedFuture(new TimeoutException("broker unreachable"));
      }
      taken.add(record);
      return super.send(record, callback);
    }

    @Override
    public synchronized List<ProducerRecord<byte[], AggregateBatch>> history() {
      return List.copyOf(taken);
    }
  }
}
