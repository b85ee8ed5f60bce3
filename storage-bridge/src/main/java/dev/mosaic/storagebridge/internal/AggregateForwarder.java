package dev.mosaic.storagebridge.internal;

import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregateBatchSerde;
import dev.mosaic.contract.AggregatePoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's consumer loop: poll aggregates, write them to carbon, then commit their offsets.
 *
 * <pre>
 * &lt;prefix&gt;aggregates → AggregateForwarder → route → PointFilter → CarbonDelivery → commitSync
 * </pre>
 *
 * <p>There is one forwarder per carbon destination, each with its own consumer group; {@code route}
 * keeps the points that belong to its destination.
 *
 * <p>Offsets are committed only after every point of the polled records was flushed to carbon, so a
 * crash or a stop at any moment loses nothing; it may write some points twice. While carbon is away
 * the forwarder holds the polled records, pauses every assigned partition and keeps polling, so the
 * group does not evict it and it takes nothing new. Runs on one thread; {@link #stop()} may be
 * called from any.
 */
public final class AggregateForwarder implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(AggregateForwarder.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  // Bounds how late a stop is noticed while waiting out a backoff.
  private static final Duration PAUSED_POLL_TIMEOUT = Duration.ofMillis(100);
  private static final Duration UNEXPECTED_ERROR_PAUSE = Duration.ofSeconds(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final PointFilter filter;
  private final Predicate<AggregatePoint> route;
  private final CarbonDelivery delivery;
  private final StorageBridgeMeters meters;
  private final Clock clock;
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private volatile boolean running = true;
  private boolean holding;

  public AggregateForwarder(
      Consumer<byte[], byte[]> consumer,
      String topic,
      PointFilter filter,
      Predicate<AggregatePoint> route,
      CarbonDelivery delivery,
      StorageBridgeMeters meters,
      Clock clock) {
    this.consumer = consumer;
    this.topic = topic;
    this.filter = filter;
    this.route = route;
    this.delivery = delivery;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic), new HoldWhileWaiting());
      while (running) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException e) {
          throw e;
        } catch (KafkaException e) {
          log.error("polling {} failed; trying again", topic, e);
          awaitStop(UNEXPECTED_ERROR_PAUSE);
          continue;
        }
        if (records.isEmpty()) {
          updateLag(0);
        } else {
          forwardGuarded(records);
        }
      }
    } catch (WakeupException e) {
      // stop() was called while polling
    } finally {
      commitDelivered();
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      log.info("storage-bridge consumer stopped");
    }
  }

  /** Asks the loop to end; it finishes or abandons the batch in hand without committing it. */
  public void stop() {
    running = false;
    stopRequested.countDown();
    consumer.wakeup();
  }

  private void awaitStop(Duration duration) {
    try {
      stopRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void forwardGuarded(ConsumerRecords<byte[], byte[]> records) {
    try {
      forward(records);
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      // A bug, not bad input: read these records again rather than skip past them.
      log.error("unexpected failure forwarding aggregates; will read them again", e);
      rewind(records);
      resumeAll();
      awaitStop(UNEXPECTED_ERROR_PAUSE);
    }
  }

  private void forward(ConsumerRecords<byte[], byte[]> records) {
    List<AggregatePoint> points = decode(records);
    updateLag(records.count());
    if (!points.isEmpty()) {
      holding = true;
      boolean delivered = delivery.deliver(points, this::pauseFor);
      if (!delivered) {
        rewind(records); // stopping: these stay uncommitted and are read again on the next start
        return;
      }
      resumeAll();
    }
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
      long next = inPartition.get(inPartition.size() - 1).offset() + 1;
      uncommitted.put(partition, new OffsetAndMetadata(next));
    }
    commitDelivered();
    updateLag(0);
  }

  /** Records behind the end of the topic as of the last poll, plus those held unwritten. */
  private void updateLag(int heldRecords) {
    long behind = heldRecords;
    for (TopicPartition partition : consumer.assignment()) {
      behind += consumer.currentLag(partition).orElse(0);
    }
    meters.lagRecords().set(behind);
  }

  private List<AggregatePoint> decode(ConsumerRecords<byte[], byte[]> records) {
    List<AggregatePoint> points = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      AggregateBatch batch;
      try {
        batch = AggregateBatchSerde.decode(record.value());
      } catch (RuntimeException e) {
        meters.badRecords().increment();
        log.warn(
            "skipping undecodable record {}-{}@{}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.toString());
        continue;
      }
      for (AggregatePoint point : batch.points()) {
        // Routed first: with consistent hashing a skipped point is counted by one destination only.
        if (route.test(point) && filter.accept(point)) {
          points.add(point);
        }
      }
    }
    return points;
  }

  /**
   * The {@link CarbonDelivery.Pause}: polls with every partition paused until {@code duration} has
   * passed on the clock, which keeps this member in its group without taking new records.
   */
  private boolean pauseFor(Duration duration) {
    consumer.pause(consumer.assignment());
    Instant until = clock.instant().plus(duration);
    try {
      while (running) {
        Duration left = Duration.between(clock.instant(), until);
        if (left.isNegative() || left.isZero()) {
          return true;
        }
        Duration slice = left.compareTo(PAUSED_POLL_TIMEOUT) < 0 ? left : PAUSED_POLL_TIMEOUT;
        try {
          // HoldWhileWaiting keeps this empty; should records come anyway, they must not be
          // skipped.
          rewind(consumer.poll(slice));
        } catch (WakeupException e) {
          throw e;
        } catch (KafkaException e) {
          log.debug("polling while carbon is away failed: {}", e.toString());
          awaitStop(slice);
        }
      }
      return false;
    } catch (WakeupException e) {
      return false;
    }
  }

  private void resumeAll() {
    holding = false;
    consumer.resume(consumer.paused());
  }

  /** Moves each partition back to the first of {@code records}, to be polled again. */
  private void rewind(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      if (consumer.assignment().contains(partition)) {
        consumer.seek(partition, records.records(partition).get(0).offset());
      }
    }
  }

  private void commitDelivered() {
    // A partition moved to another member is that member's to commit; it re-reads from ours.
    uncommitted.keySet().retainAll(consumer.assignment());
    if (uncommitted.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(uncommitted);
      uncommitted.clear();
    } catch (WakeupException e) {
      running = false; // only stop() wakes us; run()'s finally commits again
    } catch (KafkaException e) {
      meters.commitErrors().increment();
      log.warn("committing offsets failed; their points may be written again: {}", e.toString());
    }
  }

  /** Pauses partitions assigned while a batch is held, so no poll returns their records. */
  private final class HoldWhileWaiting implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commitDelivered(); // still ours during this callback
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (holding) {
        consumer.pause(partitions);
      }
    }
  }
}
