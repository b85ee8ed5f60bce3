package dev.mosaic.aggregator;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * How far in receive time every assigned input partition has been read: an interval is not closed
 * while a partition that is still catching up may hold more of its samples.
 *
 * <pre>
 *   records → read / observed(partition, receivedAt) ; consumer lag → frontier → IntervalAggregator#flushNext
 * </pre>
 *
 * <p>A partition with no lag counts as read up to now (unbounded). One with lag counts as read up
 * to the newest receive time seen in it, capped at the time it was read: a sample stamped in the
 * future says nothing about what is still unread. If the frontier has not moved for {@code
 * stallMillis} — a partition without a leader, say — it is ignored, so one stuck partition delays
 * output by that long at most instead of stopping it.
 *
 * <p>While nothing is assigned (an eager rebalance revokes everything first), or while a partition
 * is being read again up to where it had been read before a rewind, the frontier is {@link
 * Long#MIN_VALUE} and the stall rule does not apply: the intervals that input feeds were dropped,
 * and publishing them now would publish zeros over real values.
 */
final class PartitionProgress {
  private final long stallMillis;
  private final Map<TopicPartition, Long> newestSeen = new HashMap<>();
  private final Map<TopicPartition, Long> readBackTo = new HashMap<>();
  private long lastFrontier = Long.MIN_VALUE;
  private long lastMovedAt;
  private boolean started;

  PartitionProgress(long stallMillis) {
    this.stallMillis = stallMillis;
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
   * The partition is read again from an earlier offset; it holds the frontier until the record
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
   * @return the receive time up to which all input has been read; {@link Long#MAX_VALUE} when all
   *     of it has; {@link Long#MIN_VALUE} while nothing is assigned or a rewound partition is read
   *     again
   */
  long frontier(long nowMillis, Function<TopicPartition, OptionalLong> lag) {
    readBackTo.keySet().removeIf(p -> caughtUp(lag.apply(p)));
    if (newestSeen.isEmpty() || !readBackTo.isEmpty()) {
      started = false;
      return Long.MIN_VALUE;
    }
    long frontier = Long.MAX_VALUE;
    for (Map.Entry<TopicPartition, Long> partition : newestSeen.entrySet()) {
      if (!caughtUp(lag.apply(partition.getKey()))) {
        frontier = Math.min(frontier, partition.getValue());
      }
    }
    if (!started || frontier != lastFrontier) {
      started = true;
      lastFrontier = frontier;
      lastMovedAt = nowMillis;
    }
    return nowMillis - lastMovedAt >= stallMillis ? Long.MAX_VALUE : frontier;
  }

  private static boolean caughtUp(OptionalLong lag) {
    return lag.isPresent() && lag.getAsLong() == 0;
  }
}
