package dev.mosaic.aggregator;

import dev.mosaic.aggregator.statsd.FlushedInterval;
import dev.mosaic.aggregator.statsd.IntervalAggregator;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's consumer thread: reads sample records, feeds the {@link IntervalAggregator},
 * publishes each interval that is due, then commits what no open interval still needs.
 *
 * <pre>
 *   poll &lt;prefix&gt;samples → decode → IntervalAggregator → flushNext → AggregatePublisher → commitSync
 * </pre>
 *
 * <p>On partition revocation the open intervals are dropped and the partitions kept are rewound to
 * their first held record, so everything unflushed is read again; committed offsets carry a {@link
 * CommitMarker} so that the re-read samples of intervals already published are skipped. Nothing is
 * flushed until the input is read back to where it was (see {@link PartitionProgress}).
 *
 * <p>Intervals Kafka does not take stay in memory, their offsets held, and are offered again about
 * every second; newer intervals wait behind them. A retriable commit failure is retried at the next
 * flush. Any other exception escapes {@link #run()}.
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
  private final String samplesTopic;
  private final Clock clock;
  private final HeldOffsets held = new HeldOffsets();
  private final ReplayFilter replays = new ReplayFilter();
  private final PartitionProgress progress;
  private final List<FlushedInterval> unpublished = new ArrayList<>();
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
      String samplesTopic,
      long intervalMillis,
      Clock clock,
      MeterRegistry meters) {
    this.consumer = consumer;
    this.publisher = publisher;
    this.aggregator = aggregator;
    this.samplesTopic = samplesTopic;
    this.clock = clock;
    this.meters = meters;
    this.progress = new PartitionProgress(intervalMillis);
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
      pollOnce();
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
    samples.increment(batch.samples().size());
    for (MetricSample sample : batch.samples()) {
      progress.observed(partition, sample.receivedAtMillis(), now);
      if (replays.alreadyPublished(partition, record.offset(), sample.receivedAtMillis())) {
        replayedSamples.increment();
        continue;
      }
      OptionalLong interval;
      try {
        interval = aggregator.add(sample, now);
      } catch (RuntimeException e) {
        // A sample that breaks a statistic must not stop the partition: uncommitted, it would
        // break every aggregator that reads it again.
        badSamples.increment();
        log.warn("skipping sample {} that could not be aggregated", sample.name(), e);
        continue;
      }
      if (interval.isPresent()) {
        held.hold(partition, interval.getAsLong(), record.offset());
      }
    }
  }

  private void flushDue(long now) {
    // Evaluated every poll, so that the stall rule measures time, not flush attempts.
    long frontier = progress.frontier(now, consumer::currentLag);
    if (unpublished.isEmpty()) {
      while (unpublished.size() < MAX_INTERVALS_PER_COMMIT) {
        Optional<FlushedInterval> next = aggregator.flushNext(now, frontier);
        if (next.isEmpty()) {
          break;
        }
        unpublished.add(next.get());
      }
      if (unpublished.isEmpty()) {
        return;
      }
    } else if (now < republishAt) {
      return;
    }
    Timer.Sample timing = Timer.start(meters);
    boolean delivered = publisher.publish(unpublished);
    if (!delivered) {
      timing.stop(flushDuration);
      // Offsets stay held and uncommitted, so even a crash now loses nothing; the same intervals
      // are offered again (points Kafka did take are then written twice, with the same values).
      republishAt = now + REPUBLISH_BACKOFF_MILLIS;
      log.warn("{} intervals not published; retrying", unpublished.size());
      return;
    }
    unpublished.clear();
    long openFrom = aggregator.nextToFlush().getAsLong();
    held.release(openFrom);
    commit(openFrom);
    timing.stop(flushDuration);
  }

  private void commit(long openFrom) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    held.commitOffsets()
        .forEach(
            (partition, offset) ->
                offsets.put(
                    partition,
                    new OffsetAndMetadata(
                        offset, new CommitMarker(openFrom, held.nextOffset(partition)).encode())));
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, BROKER_CALL_TIMEOUT);
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // The partitions moved; their new owner re-reads from the previous commit, skipping what
      // that commit's marker says was published.
      log.warn("offset commit failed during a rebalance: {}", e.getMessage());
    } catch (RetriableException e) {
      // A timeout or an unavailable coordinator: the offsets stay held, and the next flush
      // commits them (or later ones). Anything else escapes and stops the service, loudly.
      log.warn("offset commit failed, retrying at the next flush: {}", e.toString());
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
    if (revoked.isEmpty()) {
      return;
    }
    Set<TopicPartition> kept = new HashSet<>(consumer.assignment());
    kept.removeAll(revoked);
    if (!unpublished.isEmpty()) {
      publishBeforeRebalance();
    }
    Map<TopicPartition, Long> rewind = held.commitOffsets();
    aggregator.discardOpenIntervals();
    OptionalLong openFrom = aggregator.nextToFlush();
    for (TopicPartition partition : kept) {
      Long offset = rewind.get(partition);
      if (offset != null) {
        if (openFrom.isPresent()) {
          replays.expect(
              partition, new CommitMarker(openFrom.getAsLong(), held.nextOffset(partition)));
        }
        consumer.seek(partition, offset);
        progress.rewound(partition, held.nextOffset(partition));
      }
    }
    held.forget(rewind.keySet());
    revoked.forEach(replays::forget);
    progress.revoked(revoked);
    log.info("partitions revoked: {}; open intervals dropped, to be re-read", revoked);
  }

  /**
   * Last chance for intervals Kafka refused: the partitions are re-read from their held offsets
   * with a marker saying these intervals were published, so if this fails too they are lost.
   */
  private void publishBeforeRebalance() {
    if (publisher.publish(unpublished)) {
      log.info("published {} held-back intervals before the rebalance", unpublished.size());
    } else {
      log.error("{} intervals could not be published before a rebalance; lost", unpublished.size());
    }
    unpublished.clear();
    held.release(aggregator.nextToFlush().getAsLong());
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
    progress.assigned(assigned);
    // An exception here would surface from poll() and stop the loop; without a marker the
    // partition is still read completely, only possibly publishing a replayed interval again.
    try {
      if (!assigned.isEmpty()) {
        consumer
            .committed(new HashSet<>(assigned), BROKER_CALL_TIMEOUT)
            .forEach(
                (partition, committed) -> {
                  if (committed != null) {
                    CommitMarker.decode(committed.metadata())
                        .ifPresent(
                            marker -> {
                              replays.expect(partition, marker);
                              aggregator.resumeFrom(marker.flushedBeforeMillis());
                              progress.rewound(partition, marker.readToOffset());
                            });
                  }
                });
      }
      Set<Integer> owned = new HashSet<>();
      consumer.assignment().forEach(p -> owned.add(p.partition()));
      int partitions = consumer.partitionsFor(samplesTopic).size();
      aggregator.forgetSeries(
          name -> !owned.contains(MetricPartitioner.partitionFor(name, partitions)));
    } catch (RuntimeException e) {
      log.warn("could not read committed markers or partition count after assignment", e);
    }
    log.info("partitions assigned: {}; now aggregating {}", assigned, consumer.assignment());
  }
}
