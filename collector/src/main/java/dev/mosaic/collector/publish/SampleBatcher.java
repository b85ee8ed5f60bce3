package dev.mosaic.collector.publish;

import dev.mosaic.contract.MetricPartitioner;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.SampleBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Groups samples into one open batch per partition and closes a batch when it is full or has waited
 * {@code linger} since its first sample.
 *
 * <pre>
 * StatsdSink → SampleBatcher.add → BatchPublisher.publish(partition, SampleBatch)
 *                   ↑ flushDue (scheduled), flushAll (close)
 * </pre>
 *
 * <p>A batch closes when it holds {@code maxSamples} samples, or when its estimated encoded size
 * reaches {@value #MAX_BATCH_BYTES} bytes (so that a batch of long names stays well under Kafka's
 * default 1 MiB record limit), or at the first {@link #flushDue()} at least {@code linger} after
 * its first sample.
 *
 * <p>Timing: the batcher does not own a thread. When a batch opens and no wake-up is pending it
 * asks {@code wakeUp} to call {@link #flushDue()} after a delay; {@code flushDue} asks again for
 * the batches still open. So an idle collector schedules nothing, and at most one wake-up is
 * pending at a time. Ages come from the {@link Clock}.
 *
 * <p>Thread safety: every method is synchronized. Batches are handed to the publisher while the
 * lock is held, which keeps the batches of a partition in order across the receive thread and the
 * flush thread; the publisher's contract is to return promptly. The collector gives each receive
 * thread a batcher of its own ({@link PerThreadBatchers}), so the lock is rarely contended.
 */
public final class SampleBatcher {
  /** Half of Kafka's default {@code max.request.size}, leaving room for one more long sample. */
  static final long MAX_BATCH_BYTES = 512 * 1024;

  private static final int PARTITION_CACHE_SLOTS = 4096;

  private final BatchPublisher publisher;
  private final int maxSamples;
  private final long lingerMillis;
  private final Clock clock;
  private final LongConsumer wakeUp;
  private final OpenBatch[] open;
  private final String[] cachedNames = new String[PARTITION_CACHE_SLOTS];
  private final int[] cachedPartitions = new int[PARTITION_CACHE_SLOTS];
  private boolean wakeUpPending;

  /**
   * @param partitions the partition count of the samples topic, at least 1
   * @param maxSamples samples per batch, at least 1
   * @param linger how long a batch stays open at most, positive
   * @param wakeUp schedules a call to {@link #flushDue()} after the given number of milliseconds;
   *     must not block or call back into the batcher
   */
  public SampleBatcher(
      BatchPublisher publisher,
      int partitions,
      int maxSamples,
      Duration linger,
      Clock clock,
      LongConsumer wakeUp) {
    checkArguments(partitions, maxSamples, linger);
    this.publisher = publisher;
    this.maxSamples = maxSamples;
    this.lingerMillis = linger.toMillis();
    this.clock = clock;
    this.wakeUp = wakeUp;
    this.open = new OpenBatch[partitions];
    for (int p = 0; p < partitions; p++) {
      open[p] = new OpenBatch(Math.min(maxSamples, 1024));
    }
  }

  static void checkArguments(int partitions, int maxSamples, Duration linger) {
    if (partitions < 1 || maxSamples < 1 || linger.toMillis() < 1) {
      throw new IllegalArgumentException(
          "partitions, maxSamples and linger must be positive: "
              + partitions
              + ", "
              + maxSamples
              + ", "
              + linger);
    }
  }

  public synchronized void add(MetricSample sample) {
    int partition = partitionOf(sample.name());
    OpenBatch batch = open[partition];
    if (batch.samples.isEmpty()) {
      batch.openedAt = clock.millis();
      requestWakeUp(lingerMillis);
    }
    batch.samples.add(sample);
    batch.estimatedBytes += estimatedBytes(sample);
    if (batch.samples.size() >= maxSamples || batch.estimatedBytes >= MAX_BATCH_BYTES) {
      publish(partition);
    }
  }

  /** Publishes every batch open for at least {@code linger}; schedules a wake-up for the rest. */
  public synchronized void flushDue() {
    wakeUpPending = false;
    long now = clock.millis();
    long nextDelay = Long.MAX_VALUE;
    for (int p = 0; p < open.length; p++) {
      OpenBatch batch = open[p];
      if (batch.samples.isEmpty()) {
        continue;
      }
      long age = now - batch.openedAt;
      if (age >= lingerMillis) {
        publish(p);
      } else {
        // min with linger: a wall clock stepped backwards must not hold a batch longer than that
        nextDelay = Math.min(nextDelay, Math.min(lingerMillis - age, lingerMillis));
      }
    }
    if (nextDelay != Long.MAX_VALUE) {
      requestWakeUp(nextDelay);
    }
  }

  /** Publishes every open batch, whatever its age. */
  public synchronized void flushAll() {
    for (int p = 0; p < open.length; p++) {
      if (!open[p].samples.isEmpty()) {
        publish(p);
      }
    }
  }

  private void requestWakeUp(long delayMillis) {
    if (!wakeUpPending) {
      wakeUpPending = true;
      wakeUp.accept(delayMillis);
    }
  }

  private void publish(int partition) {
    OpenBatch batch = open[partition];
    SampleBatch closed = new SampleBatch(batch.samples); // copies, so the list is reused
    batch.samples.clear();
    batch.estimatedBytes = 0;
    publisher.publish(partition, closed);
  }

  /**
   * The partition of a name, remembered by the name's {@code String} instance: the receive path
   * hands out one instance per known name, so most samples skip encoding the name to UTF-8 and
   * hashing it (murmur2), which profiling showed as a tenth of a receive thread's time.
   */
  private int partitionOf(String name) {
    int slot = name.hashCode() & (PARTITION_CACHE_SLOTS - 1);
    if (cachedNames[slot] != name) {
      cachedNames[slot] = name;
      cachedPartitions[slot] = MetricPartitioner.partitionFor(name, open.length);
    }
    return cachedPartitions[slot];
  }

  /** An upper bound of the sample's size in {@code SampleBatchSerde}'s format. */
  private static long estimatedBytes(MetricSample sample) {
    int chars = sample.name().length() + (sample.member() == null ? 0 : sample.member().length());
    return 40 + 3L * chars; // fixed fields and varints, then at most 3 UTF-8 bytes per UTF-16 unit
  }

  private static final class OpenBatch {
    final List<MetricSample> samples;
    long openedAt;
    long estimatedBytes;

    OpenBatch(int initialCapacity) {
      samples = new ArrayList<>(initialCapacity);
    }
  }
}
