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
 *   records → observed(partition, receivedAt) ; consumer lag → frontier → IntervalAggregator#flushNext
 * </pre>
 *
 * <p>A partition with no lag counts as read up to now (unbounded). One with lag counts as read up
 * to the newest receive time seen in it. If the frontier has not moved for {@code stallMillis} — a
 * partition without a leader, say — it is ignored, so one stuck partition delays output by that
 * long at most instead of stopping it.
 */
final class PartitionProgress {
  private final long stallMillis;
  private final Map<TopicPartition, Long> newestSeen = new HashMap<>();
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
    partitions.forEach(newestSeen::remove);
  }

  void observed(TopicPartition partition, long receivedAtMillis) {
    newestSeen.computeIfPresent(partition, (p, seen) -> Math.max(seen, receivedAtMillis));
  }

  /**
   * @param lag the consumer's current lag per partition; empty when not known yet
   * @return the receive time up to which all input has been read; {@link Long#MAX_VALUE} when all
   *     of it has
   */
  long frontier(long nowMillis, Function<TopicPartition, OptionalLong> lag) {
    long frontier = Long.MAX_VALUE;
    for (Map.Entry<TopicPartition, Long> partition : newestSeen.entrySet()) {
      OptionalLong behind = lag.apply(partition.getKey());
      if (!(behind.isPresent() && behind.getAsLong() == 0)) {
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
}
