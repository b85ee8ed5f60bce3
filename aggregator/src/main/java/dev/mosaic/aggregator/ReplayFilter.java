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
    Replay replay = replays.get(partition);
    if (replay == null) {
      return false;
    }
    if (offset >= replay.readToOffset()) {
      replays.remove(partition);
      return false;
    }
    return receivedAtMillis < replay.flushedBeforeMillis();
  }

  void forget(TopicPartition partition) {
    replays.remove(partition);
  }

  void clear() {
    replays.clear();
  }
}
