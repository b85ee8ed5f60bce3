package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.aggregator.statsd.IntervalAggregator;
import dev.mosaic.aggregator.statsd.PercentileThreshold;
import dev.mosaic.aggregator.statsd.StatsdGraphiteNaming;
import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregateBatchSerde;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.MetricPartitioner;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.SampleBatch;
import dev.mosaic.contract.SampleBatchSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
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
  private static final long OUT_OF_ORDER = 200;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(T);
  private final ScriptedConsumer consumer = new ScriptedConsumer();
  private final TransactionalProducer producer = new TransactionalProducer(consumer);
  private final AggregationLoop loop = loop(consumer, producer);
  private final List<ConsumerRecord<byte[], byte[]>> log = new ArrayList<>();

  AggregationLoopTest() {
    start(consumer, loop, Map.of());
  }

  private AggregationLoop loop(ScriptedConsumer consumer, TransactionalProducer producer) {
    producer.initTransactions();
    return new AggregationLoop(
        consumer,
        new AggregatePublisher(
            producer,
            AGGREGATES,
            "aggregator-state",
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
        SeriesStateReader.NONE,
        new StatsdSelfMetrics(StatsdGraphiteNaming.DEFAULTS, T),
        SAMPLES,
        new PartitionProgress(L, GRACE, OUT_OF_ORDER),
        clock,
        meters);
  }

  /** Subscribes as a new process would, finding {@code committed} in the group. */
  private static void start(
      ScriptedConsumer consumer,
      AggregationLoop loop,
      Map<TopicPartition, OffsetAndMetadata> committed) {
    Node node = new Node(0, "localhost", 9092);
    consumer.updatePartitions(
        SAMPLES, List.of(new PartitionInfo(SAMPLES, 0, node, new Node[0], new Node[0])));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    loop.subscribe();
    consumer.commitSync(committed);
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
  void busyInputClosesAnIntervalOnceASampleTheAllowancePastItsEndIsReadNotAfterTheGrace() {
    append(MetricSample.counter("c", 1, 1.0, T + 100));
    append(MetricSample.counter("c", 2, 1.0, T + L + OUT_OF_ORDER - 1));
    pollAt(T + L + OUT_OF_ORDER - 1);
    assertThat(published()).isEmpty();

    append(MetricSample.counter("c", 4, 1.0, T + L + OUT_OF_ORDER));
    pollAt(T + L + OUT_OF_ORDER);

    assertThat(published()).containsOnlyKeys(T);
    assertThat(published().get(T)).containsEntry("stats_counts.c", 1.0);
  }

  @Test
  void heartbeatTheAllowancePastTheEndClosesAnIntervalOfIdleInputBeforeTheGrace() {
    append(MetricSample.counter("c", 1, 1.0, T + 100));
    appendHeartbeat(T + L + OUT_OF_ORDER - 1, TimestampType.CREATE_TIME);
    pollAt(T + L + OUT_OF_ORDER);
    assertThat(published()).isEmpty();

    appendHeartbeat(T + L + OUT_OF_ORDER, TimestampType.CREATE_TIME);
    pollAt(T + L + OUT_OF_ORDER + 1);

    assertThat(published()).containsOnlyKeys(T);
    assertThat(published().get(T)).containsEntry("stats_counts.c", 1.0);
    assertThat(meters.counter("mosaic.aggregator.samples").count()).isEqualTo(1.0);
    assertThat(meters.counter("mosaic.aggregator.bad_records").count()).isZero();
    // The interval's only record is no longer needed, and the heartbeats never were.
    assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).isEqualTo(3);
  }

  @Test
  void emptyBatchWithoutACreateTimeMovesNothing() {
    append(MetricSample.counter("c", 1, 1.0, T + 100));
    appendHeartbeat(T + L + GRACE, TimestampType.LOG_APPEND_TIME);
    appendHeartbeat(T + L + GRACE, TimestampType.NO_TIMESTAMP_TYPE);
    pollAt(T + L + GRACE - 1);
    assertThat(published()).isEmpty();

    pollAt(T + L + GRACE);

    assertThat(published()).containsOnlyKeys(T);
  }

  @Test
  void heartbeatStampedInTheFutureCountsOnlyUpToTheClock() {
    append(MetricSample.counter("c", 1, 1.0, T + 100));
    appendHeartbeat(T + 5 * L, TimestampType.CREATE_TIME);
    pollAt(T + L);
    pollAt(T + L + OUT_OF_ORDER);
    assertThat(published()).isEmpty();

    appendHeartbeat(T + L + OUT_OF_ORDER, TimestampType.CREATE_TIME);
    pollAt(T + L + OUT_OF_ORDER);

    assertThat(published()).containsOnlyKeys(T);
  }

  @Test
  void sampleReadAfterANewerOneButWithinTheAllowanceStillCountsInItsInterval() {
    append(MetricSample.counter("c", 1, 1.0, T + L + 100));
    pollAt(T + L + 100);
    append(MetricSample.counter("c", 2, 1.0, T + L + 100 - OUT_OF_ORDER + 1));
    pollAt(T + L + 150);
    append(MetricSample.counter("c", 4, 1.0, T + L + OUT_OF_ORDER));
    pollAt(T + L + OUT_OF_ORDER);

    assertThat(published()).containsOnlyKeys(T);
    assertThat(published().get(T)).containsEntry("stats_counts.c", 2.0);
    assertThat(meters.counter("mosaic.aggregator.late_samples").count()).isZero();
  }

  @Test
  void idleInputClosesAnIntervalOnlyOnceTheGraceHasPassed() {
    append(MetricSample.counter("c", 1, 1.0, T + 100));
    pollAt(T + L + GRACE - 1);
    assertThat(published()).isEmpty();

    pollAt(T + L + GRACE);

    assertThat(published()).containsOnlyKeys(T);
  }

  @Test
  void partitionWithLagHoldsAnIntervalPastTheGrace() {
    append(MetricSample.counter("c", 1, 1.0, T + 100));
    consumer.updateEndOffsets(Map.of(P0, 5L));
    pollAt(T + L + GRACE + 1_000);
    assertThat(published()).isEmpty();

    append(MetricSample.counter("c", 2, 1.0, T + L + OUT_OF_ORDER));
    consumer.updateEndOffsets(Map.of(P0, 5L));
    pollAt(T + L + GRACE + 1_100);

    assertThat(published()).containsOnlyKeys(T);
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
  void samplesOfTheNextIntervalReadBeforeAFlushAreCountedOnceAfterARestart() {
    append(MetricSample.counter("c", 1, 1.0, T - 5_000));
    appendBatch(
        List.of(
            MetricSample.counter("c", 2, 1.0, T - 4_000), MetricSample.counter("c", 3, 1.0, T)));
    append(MetricSample.counter("c", 4, 1.0, T + 100));
    pollAt(T + GRACE);
    assertThat(published().get(T - L)).containsEntry("stats_counts.c", 3.0);
    assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).isEqualTo(1);

    // kill -9: a new process with a new consumer, starting from what was committed.
    ScriptedConsumer restarted = new ScriptedConsumer();
    TransactionalProducer republisher = new TransactionalProducer(restarted);
    AggregationLoop restartedLoop = loop(restarted, republisher);
    start(restarted, restartedLoop, consumer.committed(Set.of(P0)));
    log.subList(1, log.size()).forEach(restarted::addRecord);
    restarted.updateEndOffsets(Map.of(P0, (long) log.size()));
    clock.set(T + L + GRACE);
    restartedLoop.pollOnce();

    assertThat(published(republisher)).containsOnlyKeys(T);
    assertThat(published(republisher).get(T)).containsEntry("stats_counts.c", 7.0);
    assertThat(meters.counter("mosaic.aggregator.replayed_samples_skipped").count()).isEqualTo(1.0);
  }

  @Test
  void samplesOlderThanTheirOwnPartitionsMarkerGoToTheIntervalItNames() {
    TopicPartition p1 = new TopicPartition(SAMPLES, 1);
    String on0 = nameOnPartition(0);
    String on1 = nameOnPartition(1);
    ScriptedConsumer two = new ScriptedConsumer();
    TransactionalProducer out = new TransactionalProducer(two);
    AggregationLoop twoPartitions = loop(two, out);
    Node node = new Node(0, "localhost", 9092);
    two.updatePartitions(
        SAMPLES,
        List.of(
            new PartitionInfo(SAMPLES, 0, node, new Node[0], new Node[0]),
            new PartitionInfo(SAMPLES, 1, node, new Node[0], new Node[0])));
    two.updateBeginningOffsets(Map.of(P0, 0L, p1, 0L));
    twoPartitions.subscribe();
    // Partition 0's previous owner published up to T, partition 1's up to T + L.
    two.commitSync(
        Map.of(
            P0, new OffsetAndMetadata(0, new CommitMarker(T, 0).encode()),
            p1, new OffsetAndMetadata(0, new CommitMarker(T + L, 0).encode())));
    two.rebalance(List.of(P0, p1));
    two.addRecord(record(0, 0, MetricSample.counter(on0, 1, 1.0, T + 100)));
    two.addRecord(record(1, 0, MetricSample.counter(on1, 5, 1.0, T + 200)));
    two.addRecord(record(1, 1, MetricSample.counter(on1, 2, 1.0, T + L + 100)));
    two.updateEndOffsets(Map.of(P0, 1L, p1, 2L));

    clock.set(T + 2 * L + GRACE);
    twoPartitions.pollOnce();

    assertThat(published(out).get(T))
        .containsEntry("stats_counts." + on0, 1.0)
        .doesNotContainKey("stats_counts." + on1);
    assertThat(published(out).get(T + L)).containsEntry("stats_counts." + on1, 7.0);
    assertThat(meters.counter("mosaic.aggregator.late_samples").count()).isEqualTo(1.0);
  }

  private static String nameOnPartition(int partition) {
    for (int i = 0; ; i++) {
      if (MetricPartitioner.partitionFor("m" + i, 2) == partition) {
        return "m" + i;
      }
    }
  }

  private static ConsumerRecord<byte[], byte[]> record(
      int partition, long offset, MetricSample sample) {
    return new ConsumerRecord<>(
        SAMPLES,
        partition,
        offset,
        null,
        SampleBatchSerde.encode(new SampleBatch(List.of(sample))));
  }

  @Test
  void recordsOfAnOlderCollectorInFormatVersion1AreAggregatedToo() {
    appendEncoded(
        SampleBatchSerde.encodeVersion1(
            new SampleBatch(
                List.of(
                    MetricSample.counter("c", 1, 1.0, T + 100),
                    MetricSample.gauge("g", 4, T + 200)))));
    appendBatch(
        List.of(
            MetricSample.counter("c", 2, 1.0, T + 300), MetricSample.gaugeDelta("g", 1, T + 400)));

    pollAt(T + L + GRACE);

    assertThat(published().get(T))
        .containsEntry("stats_counts.c", 3.0)
        .containsEntry("stats.gauges.g", 5.0);
  }

  @Test
  void aRecordFeedingTwoIntervalsStaysUncommittedUntilBothAreFlushed() {
    appendBatch(
        List.of(
            MetricSample.counter("c", 1, 1.0, T + 100),
            MetricSample.counter("c", 2, 1.0, T + L + 100),
            MetricSample.counter("c", 4, 1.0, T + 200)));
    pollAt(T + L + GRACE);
    assertThat(published().get(T)).containsEntry("stats_counts.c", 5.0);
    assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).isZero();

    pollAt(T + 2 * L + GRACE);

    assertThat(published().get(T + L)).containsEntry("stats_counts.c", 2.0);
    assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).isEqualTo(1);
  }

  @Test
  void transactionKafkaRefusesIsAbortedAndPublishedAgainAtTheNextAttempt() {
    append(MetricSample.counter("c", 1, 1.0, T + 100));
    producer.commitTransactionException = new TimeoutException("coordinator unavailable");
    pollAt(T + L + GRACE);
    assertThat(published()).isEmpty();
    assertThat(producer.transactionAborted()).isTrue();
    assertThat(consumer.committed(Set.of(P0))).isEmpty();

    producer.commitTransactionException = null;
    append(MetricSample.counter("c", 2, 1.0, T + L + 100));
    pollAt(T + L + GRACE + 1_000);
    pollAt(T + 2 * L + GRACE);

    assertThat(published().get(T)).containsEntry("stats_counts.c", 1.0);
    assertThat(published().get(T + L)).containsEntry("stats_counts.c", 2.0);
    assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).isEqualTo(2);
  }

  @Test
  void fencedProducerEscapesTheLoop() {
    append(MetricSample.counter("c", 1, 1.0, T + 100));
    producer.commitTransactionException = new ProducerFencedException("newer instance");
    clock.set(T + L + GRACE);

    assertThatThrownBy(loop::pollOnce).isInstanceOf(ProducerFencedException.class);
  }

  @Test
  void intervalKafkaRefusedIsPublishedAgainAndNotCommittedBefore() {
    append(MetricSample.counter("c", 7, 1.0, T + 100));
    producer.commitTransactionException = new TimeoutException("broker unreachable");
    pollAt(T + L + GRACE);
    assertThat(published()).isEmpty();
    assertThat(meters.counter("mosaic.aggregator.publish_failures").count()).isPositive();

    append(MetricSample.counter("c", 2, 1.0, T + L + 100));
    pollAt(T + 2 * L + GRACE);
    assertThat(published()).isEmpty();
    assertThat(consumer.committed(Set.of(P0))).isEmpty();

    producer.commitTransactionException = null;
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
    appendEncoded(SampleBatchSerde.encode(new SampleBatch(samples)));
  }

  private void appendEncoded(byte[] value) {
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(SAMPLES, 0, log.size(), null, value);
    log.add(record);
    consumer.addRecord(record);
    consumer.updateEndOffsets(Map.of(P0, (long) log.size()));
  }

  /** Appends an empty batch, as a collector's heartbeat, with the given record timestamp. */
  private void appendHeartbeat(long timestamp, TimestampType type) {
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(
            SAMPLES,
            0,
            log.size(),
            timestamp,
            type,
            0,
            3,
            null,
            SampleBatchSerde.encode(new SampleBatch(List.of())),
            new RecordHeaders(),
            Optional.empty());
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
    return published(producer);
  }

  private static Map<Long, Map<String, Double>> published(TransactionalProducer producer) {
    Map<Long, Map<String, Double>> points = new TreeMap<>();
    for (ProducerRecord<byte[], byte[]> record : producer.history()) {
      if (!record.topic().equals(AGGREGATES)) {
        continue;
      }
      AggregateBatch batch = AggregateBatchSerde.decode(record.value());
      for (AggregatePoint point : batch.points()) {
        points
            .computeIfAbsent(batch.intervalStartMillis(), s -> new TreeMap<>())
            .put(point.name(), point.value());
      }
    }
    return points;
  }

  /** A consumer whose group offsets the producer's committed transactions write. */
  private static final class ScriptedConsumer extends MockConsumer<byte[], byte[]> {
    ScriptedConsumer() {
      super("earliest");
    }
  }

  /**
   * A transactional producer over two partitions whose committed transactions also commit their
   * offsets to {@code consumer}, as the group coordinator would; history() holds only what
   * committed transactions wrote.
   */
  private static final class TransactionalProducer extends MockProducer<byte[], byte[]> {
    private final ScriptedConsumer consumer;
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();

    TransactionalProducer(ScriptedConsumer consumer) {
      super(true, null, (topic, key) -> key, (topic, value) -> value);
      this.consumer = consumer;
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
      return Stream.of(0, 1)
          .map(p -> new PartitionInfo(topic, p, null, new Node[0], new Node[0]))
          .toList();
    }

    @Override
    public void sendOffsetsToTransaction(
        Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
      super.sendOffsetsToTransaction(offsets, group);
      pending.putAll(offsets);
    }

    @Override
    public void commitTransaction() {
      super.commitTransaction();
      consumer.commitSync(pending);
      pending.clear();
    }

    @Override
    public void abortTransaction() {
      super.abortTransaction();
      pending.clear();
    }
  }
}
