package dev.mosaic.aggregator;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Recognises, while a partition's records are read again after a restart or rebalance, the samples
 * whose interval was already published — they are skipped, not counted twice or re-published.
 *
 * <pre>
 *   CommitMarker (committed) → expect → alreadyPublished(record, sample) ? skip : IntervalAggregator
 * </pre>
 *
 * <p>Only records below the marker's {@code readToOffset} are replays; past it, an old sample is
 * ordinary late input.
 */
final class ReplayFilter {
  private record Replay(long flushedBeforeMillis, long readToOffset) {}

  private final Map<TopicPartition, Replay> replays = new HashMap<>();

  void expect(TopicPartition partition, CommitMarker marker) {
    replays.put(partition, new Replay(marker.flushedBeforeMillis(), marker.readToOffset()));
  }

  /** True if the sample was part of an interval published before the record was read again. */
  boolean alreadyPublished(TopicPartition partition, long offset, long receivedAtMillis) {
    return receivedAtMillis < publishedBefore(partition, offset);
  }

  /**
   * For the record at {@code offset}: its samples received before the returned time were part of
   * intervals already published; {@link Long#MIN_VALUE} if the record is not a replay. Once per
   * record, instead of {@link #alreadyPublished} per sample.
   */
  long publishedBefore(TopicPartition partition, long offset) {
    Replay replay = replays.get(partition);
    if (replay == null) {
      return Long.MIN_VALUE;
    }
    if (offset >= replay.readToOffset()) {
      replays.remove(partition);
      return Long.MIN_VALUE;
    }
    return replay.flushedBeforeMillis();
  }

  void forget(TopicPartition partition) {
    replays.remove(partition);
  }

  void clear() {
    replays.clear();
  }
}
