package dev.mosaic.aggregator;

import dev.mosaic.aggregator.AggregatePublisher.Outcome;
import dev.mosaic.aggregator.statsd.FlushedInterval;
import dev.mosaic.aggregator.statsd.IntervalAggregator;
import dev.mosaic.aggregator.statsd.SeriesAggregates;
import dev.mosaic.contract.MetricPartitioner;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.SampleBatch;
import dev.mosaic.contract.SampleBatchSerde;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's consumer thread: reads sample records, feeds the {@link IntervalAggregator}, and
 * publishes each interval that is due together with the offsets no open interval still needs, in
 * one Kafka transaction.
 *
 * <pre>
 *   poll &lt;prefix&gt;samples → decode → IntervalAggregator → flushNext(PartitionProgress watermark)
 *     → AggregatePublisher (aggregates + offsets + CommitMarker, one transaction)
 * </pre>
 *
 * <p>Exactly once: the committed offset of a partition is its first record still feeding an open
 * interval, and its {@link CommitMarker} says which intervals were published and how far the
 * partition had been read when they were. Whoever reads the partition next — this process after a
 * rebalance, a restarted one after {@code kill -9}, another instance — starts from that commit and
 * skips, below the marker's offset, the samples of published intervals ({@link ReplayFilter}).
 * Since the aggregates and the commit are one transaction, there is no state in between.
 *
 * <p>Every change of assignment restarts aggregation from the committed state, exactly as a new
 * process would: open intervals are dropped and every partition still owned is read again from its
 * commit. Per partition, intervals a previous owner already published are never published again
 * (their series are left out, and their late samples go to the first interval after them).
 *
 * <p>A transaction Kafka refuses is aborted; its intervals stay in memory, their offsets
 * uncommitted, and are offered again about every second while newer intervals wait behind them. An
 * error that leaves the producer unusable (fenced, or an abort that fails) escapes {@link #run()}.
 */
final class AggregationLoop implements ConsumerRebalanceListener {
  private static final Logger log = LoggerFactory.getLogger(AggregationLoop.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

  /**
   * Bounds each blocking broker call so that {@link #stop()} takes effect within the stop timeout.
   */
  static final Duration BROKER_CALL_TIMEOUT = Duration.ofSeconds(5);

  /** How often intervals Kafka did not take are offered again. */
  private static final long REPUBLISH_BACKOFF_MILLIS = 1_000;

  /** Bounds what one catch-up step holds in memory and publishes before it commits. */
  private static final int MAX_INTERVALS_PER_COMMIT = 64;

  private final Consumer<byte[], byte[]> consumer;
  private final AggregatePublisher publisher;
  private final IntervalAggregator aggregator;
  private final StatsdSelfMetrics selfMetrics;
  private final String samplesTopic;
  private final Clock clock;
  private final HeldOffsets held = new HeldOffsets();
  private final ReplayFilter replays = new ReplayFilter();
  private final PartitionProgress progress;
  private final List<FlushedInterval> unpublished = new ArrayList<>();

  /** The changelog records of {@link #unpublished}, published in the same transaction. */
  private final Map<String, byte[]> unpublishedState = new LinkedHashMap<>();

  private final SeriesStateReader savedState;

  /** The last committed offset (and marker) of each owned partition that has one. */
  private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();

  /** Per samples partition: every interval before this was published by a previous owner. */
  private final Map<Integer, Long> publishedBefore = new HashMap<>();

  private int samplesPartitions = 1;
  private long republishAt;
  private final Counter samples;
  private final Counter badRecords;
  private final Counter badSamples;
  private final Counter replayedSamples;
  private final Timer flushDuration;
  private final MeterRegistry meters;
  private final AtomicInteger series;
  private volatile boolean running = true;

  AggregationLoop(
      Consumer<byte[], byte[]> consumer,
      AggregatePublisher publisher,
      IntervalAggregator aggregator,
      SeriesStateReader savedState,
      StatsdSelfMetrics selfMetrics,
      String samplesTopic,
      PartitionProgress progress,
      Clock clock,
      MeterRegistry meters) {
    this.consumer = consumer;
    this.publisher = publisher;
    this.aggregator = aggregator;
    this.savedState = savedState;
    this.selfMetrics = selfMetrics;
    this.samplesTopic = samplesTopic;
    this.clock = clock;
    this.meters = meters;
    this.progress = progress;
    this.samples = meters.counter("mosaic.aggregator.samples");
    this.badRecords = meters.counter("mosaic.aggregator.bad_records");
    this.badSamples = meters.counter("mosaic.aggregator.bad_samples");
    this.replayedSamples = meters.counter("mosaic.aggregator.replayed_samples_skipped");
    this.flushDuration = meters.timer("mosaic.aggregator.flush.duration");
    this.series = meters.gauge("mosaic.aggregator.series", new AtomicInteger());
  }

  /** Runs until {@link #stop()}; the caller closes the clients afterwards. */
  void run() {
    subscribe();
    while (running) {
      try {
        pollOnce();
      } catch (RuntimeException e) {
        if (running) {
          throw e;
        }
        // stop() interrupted a wait (Kafka wraps what a rebalance callback throws).
        log.debug("stopped during a poll", e);
        return;
      }
    }
  }

  void subscribe() {
    consumer.subscribe(List.of(samplesTopic), this);
  }

  /** One step of {@link #run()}: poll, aggregate what came, publish and commit what is due. */
  void pollOnce() {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
    long now = clock.millis();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      accept(record, now);
    }
    flushDue(now);
    series.set(aggregator.seriesCount());
  }

  /** Makes {@link #run()} return within one poll timeout and one flush. */
  void stop() {
    running = false;
  }

  private void accept(ConsumerRecord<byte[], byte[]> record, long now) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    held.consumed(partition, record.offset());
    progress.read(partition, record.offset());
    SampleBatch batch;
    try {
      batch = record.value() == null ? null : SampleBatchSerde.decode(record.value());
    } catch (RuntimeException e) {
      batch = null;
    }
    if (batch == null) {
      badRecords.increment();
      log.debug("skipping undecodable record {}@{}", partition, record.offset());
      return;
    }
    List<MetricSample> batchSamples = batch.samples();
    samples.increment(batchSamples.size());
    long floor = publishedBefore.getOrDefault(partition.partition(), Long.MIN_VALUE);
    long replayedBefore = replays.publishedBefore(partition, record.offset());
    if (batchSamples.isEmpty()) {
      heartbeat(partition, record, now);
      return;
    }
    // Per record, not per sample: the newest receive time for the progress, and each interval
    // held once (the record's offset is the same for all its samples).
    long newest = Long.MIN_VALUE;
    long lastHeld = IntervalAggregator.SKIPPED;
    int replayed = 0;
    for (MetricSample sample : batchSamples) {
      newest = Math.max(newest, sample.receivedAtMillis());
      if (sample.receivedAtMillis() < replayedBefore) {
        replayed++;
        continue;
      }
      long interval;
      try {
        interval = aggregator.addSample(sample, now, floor);
      } catch (RuntimeException e) {
        // A sample that breaks a statistic must not stop the partition: uncommitted, it would
        // break every aggregator that reads it again.
        badSamples.increment();
        log.warn("skipping sample {} that could not be aggregated", sample.name(), e);
        continue;
      }
      if (interval != IntervalAggregator.SKIPPED && interval != lastHeld) {
        held.hold(partition, interval, record.offset());
        lastHeld = interval;
      }
    }
    progress.observed(partition, newest, now);
    if (replayed > 0) {
      replayedSamples.increment(replayed);
    }
  }

  /**
   * An empty batch is a collector's heartbeat: its record's create time promises that the collector
   * holds no sample received before it (see the collector's {@code PartitionHeartbeats}), so it
   * moves the partition's progress as a sample of that receive time would. A broker-set
   * (log-append) time promises nothing about the collector and is ignored.
   */
  private void heartbeat(TopicPartition partition, ConsumerRecord<?, ?> record, long now) {
    if (record.timestampType() == TimestampType.CREATE_TIME) {
      progress.observed(partition, record.timestamp(), now);
    }
  }

  private void flushDue(long now) {
    // Evaluated every poll, so that the stall rule measures time, not flush attempts.
    long watermark = progress.watermark(now, consumer::currentLag);
    if (unpublished.isEmpty()) {
      while (unpublished.size() < MAX_INTERVALS_PER_COMMIT) {
        long closing = clock.millis();
        Optional<FlushedInterval> next = aggregator.flushNext(watermark);
        if (next.isEmpty()) {
          break;
        }
        unpublished.add(withSelfMetrics(next.get(), closing));
        unpublishedState.putAll(aggregator.drainSeriesChanges());
      }
      if (unpublished.isEmpty()) {
        return;
      }
    } else if (now < republishAt) {
      return;
    }
    Timer.Sample timing = Timer.start(meters);
    long publishing = clock.millis();
    Outcome outcome = publishUnpublished();
    long published = clock.millis();
    if (outcome == Outcome.PUBLISHED) {
      selfMetrics.published(published, published - publishing, publisher.lastPublishedBytes());
    } else {
      selfMetrics.failed(published);
      // Nothing was published and nothing committed, so even a crash now loses nothing.
      republishAt = now + REPUBLISH_BACKOFF_MILLIS;
      log.warn("{} intervals not published; retrying", unpublished.size());
    }
    timing.stop(flushDuration);
  }

  /**
   * Adds StatsD's own metrics when this instance owns the samples partition of their name: one
   * writer per group, so that instances do not overwrite each other's values in Graphite.
   */
  private FlushedInterval withSelfMetrics(FlushedInterval interval, long closingMillis) {
    if (!consumer
        .assignment()
        .contains(
            new TopicPartition(
                samplesTopic,
                MetricPartitioner.partitionFor(StatsdSelfMetrics.SOURCE, samplesPartitions)))) {
      return interval;
    }
    return selfMetrics.addTo(interval, closingMillis, clock.millis() - closingMillis);
  }

  /**
   * Publishes {@link #unpublished} with the offsets that stay needed once they are out, in one
   * transaction; on success they are cleared and the new commits remembered.
   */
  private Outcome publishUnpublished() {
    long openFrom = aggregator.nextToFlush().getAsLong();
    held.release(openFrom);
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    held.commitOffsets()
        .forEach(
            (partition, offset) ->
                offsets.put(
                    partition,
                    new OffsetAndMetadata(
                        offset, new CommitMarker(openFrom, held.nextOffset(partition)).encode())));
    List<FlushedInterval> intervals = new ArrayList<>(unpublished.size());
    unpublished.forEach(interval -> intervals.add(withoutPublishedSeries(interval)));
    Outcome outcome =
        publisher.publish(intervals, unpublishedState, offsets, consumer.groupMetadata());
    if (outcome == Outcome.PUBLISHED) {
      unpublished.clear();
      unpublishedState.clear();
      committed.putAll(offsets);
    }
    return outcome;
  }

  /** Leaves out the series whose input partition a previous owner published this interval for. */
  private FlushedInterval withoutPublishedSeries(FlushedInterval interval) {
    if (publishedBefore.isEmpty()) {
      return interval;
    }
    List<SeriesAggregates> kept = new ArrayList<>(interval.series().size());
    for (SeriesAggregates s : interval.series()) {
      int partition = MetricPartitioner.partitionFor(s.sourceName(), samplesPartitions);
      if (interval.startMillis() >= publishedBefore.getOrDefault(partition, Long.MIN_VALUE)) {
        kept.add(s);
      }
    }
    return new FlushedInterval(
        interval.startMillis(), interval.lengthMillis(), kept, interval.statsdSeries());
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
    if (revoked.isEmpty()) {
      return;
    }
    Set<TopicPartition> kept = new HashSet<>(consumer.assignment());
    kept.removeAll(revoked);
    publishBeforeRebalance();
    revoked.forEach(committed::remove);
    progress.revoked(revoked);
    restartFromCommitted(kept);
    log.info("partitions revoked: {}; open intervals dropped, to be re-read", revoked);
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
    progress.assigned(assigned);
    if (!assigned.isEmpty()) {
      readCommitted(assigned);
    }
    samplesPartitions = consumer.partitionsFor(samplesTopic).size();
    Set<Integer> owned = new HashSet<>();
    consumer.assignment().forEach(p -> owned.add(p.partition()));
    aggregator.forgetSeries(
        name -> !owned.contains(MetricPartitioner.partitionFor(name, samplesPartitions)));
    publishBeforeRebalance();
    restoreSeries(assigned);
    restartFromCommitted(consumer.assignment());
    log.info("partitions assigned: {}; now aggregating {}", assigned, consumer.assignment());
  }

  /**
   * Last chance for intervals Kafka refused, while this member may still commit for its partitions.
   * If this fails too they are dropped: their input is re-read from the last commit, by this
   * process or by the partitions' new owner.
   */
  private void publishBeforeRebalance() {
    if (unpublished.isEmpty()) {
      return;
    }
    if (publishUnpublished() == Outcome.PUBLISHED) {
      log.info("published held-back intervals before the rebalance");
    } else {
      log.warn("{} intervals dropped before a rebalance; re-read", unpublished.size());
      unpublished.clear();
      unpublishedState.clear();
    }
  }

  /**
   * Knows the series and gauge levels the previous owner of these partitions committed with its
   * offsets, so that idle series keep reporting and gauges keep their level across a crash or a
   * partition move.
   */
  private void restoreSeries(Collection<TopicPartition> assigned) {
    if (assigned.isEmpty()) {
      return;
    }
    List<Integer> partitions = assigned.stream().map(TopicPartition::partition).toList();
    Map<String, byte[]> latest = savedState.latest(partitions);
    int unreadable = aggregator.restoreSeries(latest);
    if (unreadable > 0) {
      log.warn("{} unreadable records in the saved series state skipped", unreadable);
    }
    log.info("restored {} saved series records of partitions {}", latest.size(), partitions);
  }

  /**
   * Reads the committed offsets and markers of newly assigned partitions. A commit still pending in
   * a transaction of a process that died is reported as not readable until that transaction is
   * aborted (by its restart with the same transactional.id, or by the transaction timeout), so this
   * waits for it: starting without the marker would publish replayed samples twice.
   */
  private void readCommitted(Collection<TopicPartition> assigned) {
    Set<TopicPartition> partitions = new HashSet<>(assigned);
    while (true) {
      if (!running) {
        throw new IllegalStateException("stopped while reading committed offsets");
      }
      try {
        consumer
            .committed(partitions, BROKER_CALL_TIMEOUT)
            .forEach(
                (partition, offset) -> {
                  if (offset != null) {
                    committed.put(partition, offset);
                  }
                });
        return;
      } catch (RetriableException e) {
        log.warn(
            "committed offsets of {} not readable yet, retrying: {}", partitions, e.toString());
      }
    }
  }

  /**
   * Starts over from the committed state, exactly as a restarted process would: open intervals and
   * held offsets are dropped, every owned partition is read again from its last commit (or from the
   * beginning if it has none), and the markers say what to skip.
   */
  private void restartFromCommitted(Collection<TopicPartition> owned) {
    aggregator.restartFlushing();
    replays.clear();
    publishedBefore.clear();
    long resumeFrom = Long.MAX_VALUE;
    for (TopicPartition partition : owned) {
      long readTo = held.nextOffset(partition);
      OffsetAndMetadata commit = committed.get(partition);
      if (commit == null) {
        consumer.seekToBeginning(List.of(partition));
      } else {
        consumer.seek(partition, commit.offset());
        Optional<CommitMarker> marker = CommitMarker.decode(commit.metadata());
        if (marker.isPresent()) {
          replays.expect(partition, marker.get());
          publishedBefore.put(partition.partition(), marker.get().flushedBeforeMillis());
          resumeFrom = Math.min(resumeFrom, marker.get().flushedBeforeMillis());
          readTo = Math.max(readTo, marker.get().readToOffset());
        }
      }
      if (readTo > 0) {
        progress.rewound(partition, readTo);
      }
    }
    held.clear();
    if (resumeFrom != Long.MAX_VALUE) {
      aggregator.resumeFrom(resumeFrom);
    }
  }
}
