package dev.mosaic.collector.publish;

import dev.mosaic.contract.SampleBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Keeps the samples topic's partitions moving for aggregators while this collector has nothing to
 * send to them: each partition it sent no batch to for {@code interval} gets an empty batch, a
 * heartbeat, whose record timestamp is the collector's clock minus {@code linger}.
 *
 * <pre>
 * SampleBatcher → PartitionHeartbeats.publish (notes the time) → KafkaSampleBatchPublisher
 * flush thread, every interval → beat() → KafkaSampleBatchPublisher.publishHeartbeat
 * </pre>
 *
 * <p>Why: an aggregator closes an interval once every partition it owns has read a sample its
 * {@code max-out-of-orderness} past the interval's end; a partition without traffic would hold the
 * interval until the aggregator's grace has passed. An aggregator takes a heartbeat as a sample
 * received at the record's timestamp, so an idle partition closes intervals by watermark too.
 *
 * <p>What the timestamp promises: batches close at the latest {@code linger} after they open, on
 * the flush thread that also runs {@link #beat()}, so when a heartbeat is sent at {@code now},
 * every sample this collector received before {@code now - linger} has already been handed to the
 * producer — on its partition, before the heartbeat. The promise is as loose as a sample's receive
 * time is: a flush thread running late, a sample parsed a moment after it was stamped. An
 * aggregator allows for that with its out-of-orderness allowance, exactly as it does for samples.
 *
 * <p>Thread safety: {@link #publish} from any thread (the receive threads and the flush thread);
 * {@link #beat()} from one thread at a time.
 */
public final class PartitionHeartbeats implements BatchPublisher {
  private final KafkaSampleBatchPublisher publisher;
  private final long intervalMillis;
  private final long lingerMillis;
  private final Clock clock;

  /** Per partition, when this collector last sent it a batch; {@code Long.MIN_VALUE}: never. */
  private final AtomicLongArray lastBatchAt;

  /**
   * @param publisher sends both the batches and the heartbeats
   * @param partitions the samples topic's partition count
   * @param interval how long a partition may go without a record from this collector, positive
   * @param linger the longest a batch stays open ({@code collector.publish.linger})
   */
  public PartitionHeartbeats(
      KafkaSampleBatchPublisher publisher,
      int partitions,
      Duration interval,
      Duration linger,
      Clock clock) {
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("heartbeat interval must be positive: " + interval);
    }
    this.publisher = publisher;
    this.intervalMillis = interval.toMillis();
    this.lingerMillis = linger.toMillis();
    this.clock = clock;
    this.lastBatchAt = new AtomicLongArray(partitions);
    for (int p = 0; p < partitions; p++) {
      lastBatchAt.set(p, Long.MIN_VALUE);
    }
  }

  @Override
  public void publish(int partition, SampleBatch batch) {
    lastBatchAt.set(partition, clock.millis());
    publisher.publish(partition, batch);
  }

  /**
   * Sends a heartbeat to every partition that carried no batch of this collector in the last
   * interval; to be called once per interval.
   *
   * @return how many heartbeats were handed to the producer
   */
  public int beat() {
    long now = clock.millis();
    long stamp = now - lingerMillis;
    int sent = 0;
    for (int p = 0; p < lastBatchAt.length(); p++) {
      long last = lastBatchAt.get(p);
      // A batch "later" than now means the wall clock stepped back: beat rather than fall silent
      // until the clock is back where it was.
      if (last <= now - intervalMillis || last > now) {
        publisher.publishHeartbeat(p, stamp);
        sent++;
      }
    }
    return sent;
  }
}
