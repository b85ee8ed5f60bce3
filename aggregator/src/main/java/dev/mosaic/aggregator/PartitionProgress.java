package dev.mosaic.aggregator;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * The watermark of the input: the receive time up to which every assigned partition is taken to be
 * complete, so that the intervals ending at or before it may be closed.
 *
 * <pre>
 *   records → read / observed(partition, receivedAt) ; consumer lag → watermark → IntervalAggregator#flushNext
 * </pre>
 *
 * <p>Per partition, the watermark is the newest receive time read from it minus {@code
 * maxOutOfOrderness} (a collector's heartbeat, an empty batch, counts as a sample received at its
 * record's create time): records of several collectors (and receive threads, and batches lingering
 * for different times) interleave in one partition, so a sample up to that much older than one
 * already read may still come. A partition that is caught up (no lag) and has read nothing that new
 * is idle: its watermark is also at least {@code now - grace}, since a busy sample will not arrive
 * to move it. A partition with lag, or whose lag is not known yet, has unread records and holds the
 * watermark at what was read from it. The input's watermark is the least over the partitions.
 *
 * <p>Receive times are capped at the time they were read: a sample stamped in the future says
 * nothing about what is still unread. If the partitions with lag have not moved for {@code
 * stallMillis} — a partition without a leader, say — they count as idle, so one stuck partition
 * delays output by that long at most instead of stopping it.
 *
 * <p>While nothing is assigned (an eager rebalance revokes everything first), or while a partition
 * is being read again up to where it had been read before a rewind, the watermark is {@link
 * Long#MIN_VALUE} and the stall rule does not apply: the intervals that input feeds were dropped,
 * and publishing them now would publish zeros over real values.
 */
final class PartitionProgress {
  private final long stallMillis;
  private final long graceMillis;
  private final long maxOutOfOrdernessMillis;
  private final Map<TopicPartition, Long> newestSeen = new HashMap<>();
  private final Map<TopicPartition, Long> readBackTo = new HashMap<>();
  private long lastLaggingFrontier = Long.MIN_VALUE;
  private long lastMovedAt;
  private boolean started;

  /**
   * @param stallMillis how long partitions with lag may hold the watermark without moving
   * @param graceMillis how long after an interval's end an idle partition holds it
   * @param maxOutOfOrdernessMillis how much older than the newest sample read from a partition a
   *     sample may still come from it; less than {@code graceMillis}
   */
  PartitionProgress(long stallMillis, long graceMillis, long maxOutOfOrdernessMillis) {
    if (maxOutOfOrdernessMillis < 0 || maxOutOfOrdernessMillis >= graceMillis) {
      throw new IllegalArgumentException(
          "max out-of-orderness "
              + maxOutOfOrdernessMillis
              + "ms must be at least 0 and less than the grace "
              + graceMillis
              + "ms");
    }
    this.stallMillis = stallMillis;
    this.graceMillis = graceMillis;
    this.maxOutOfOrdernessMillis = maxOutOfOrdernessMillis;
  }

  void assigned(Collection<TopicPartition> partitions) {
    partitions.forEach(p -> newestSeen.putIfAbsent(p, Long.MIN_VALUE));
  }

  void revoked(Collection<TopicPartition> partitions) {
    partitions.forEach(
        p -> {
          newestSeen.remove(p);
          readBackTo.remove(p);
        });
  }

  /**
   * The partition is read again from an earlier offset; it holds the watermark until the record
   * before {@code untilOffset} is read again (or it has no lag).
   */
  void rewound(TopicPartition partition, long untilOffset) {
    if (newestSeen.containsKey(partition)) {
      newestSeen.put(partition, Long.MIN_VALUE);
      readBackTo.put(partition, untilOffset);
    }
  }

  /** The record at {@code offset} was read, whatever it held. */
  void read(TopicPartition partition, long offset) {
    readBackTo.computeIfPresent(partition, (p, until) -> offset + 1 >= until ? null : until);
  }

  void observed(TopicPartition partition, long receivedAtMillis, long nowMillis) {
    long upTo = Math.min(receivedAtMillis, nowMillis);
    newestSeen.computeIfPresent(partition, (p, seen) -> Math.max(seen, upTo));
  }

  /**
   * @param lag the consumer's current lag per partition; empty when not known yet
   * @return the receive time up to which the input is complete: intervals ending at or before it
   *     may close; {@link Long#MIN_VALUE} while nothing is assigned or a rewound partition is read
   *     again
   */
  long watermark(long nowMillis, Function<TopicPartition, OptionalLong> lag) {
    readBackTo.keySet().removeIf(p -> caughtUp(lag.apply(p)));
    if (newestSeen.isEmpty() || !readBackTo.isEmpty()) {
      started = false;
      return Long.MIN_VALUE;
    }
    long idle = nowMillis - graceMillis;
    long laggingFrontier = Long.MAX_VALUE;
    long watermark = Long.MAX_VALUE;
    long watermarkIfStalled = Long.MAX_VALUE;
    for (Map.Entry<TopicPartition, Long> partition : newestSeen.entrySet()) {
      long seen = partition.getValue();
      long own = seen == Long.MIN_VALUE ? Long.MIN_VALUE : seen - maxOutOfOrdernessMillis;
      watermarkIfStalled = Math.min(watermarkIfStalled, Math.max(own, idle));
      if (caughtUp(lag.apply(partition.getKey()))) {
        watermark = Math.min(watermark, Math.max(own, idle));
      } else {
        laggingFrontier = Math.min(laggingFrontier, seen);
        watermark = Math.min(watermark, own);
      }
    }
    // The stall rule watches what was read from partitions with lag, not the wall-clock part,
    // which moves on its own.
    if (!started || laggingFrontier != lastLaggingFrontier) {
      started = true;
      lastLaggingFrontier = laggingFrontier;
      lastMovedAt = nowMillis;
    }
    return nowMillis - lastMovedAt >= stallMillis ? watermarkIfStalled : watermark;
  }

  private static boolean caughtUp(OptionalLong lag) {
    return lag.isPresent() && lag.getAsLong() == 0;
  }
}
