package dev.mosaic.aggregator;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Per input partition, the first offset whose samples feed each interval not yet flushed: what may
 * be committed without losing an open interval after a crash.
 *
 * <pre>
 *   consumed record → hold(partition, interval, offset) … flush → release → commitOffsets → Kafka
 * </pre>
 */
final class HeldOffsets {
  private final Map<TopicPartition, NavigableMap<Long, Long>> firstOffsetByInterval =
      new HashMap<>();
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

  /** Notes that {@code offset} was read from {@code partition}. */
  void consumed(TopicPartition partition, long offset) {
    nextOffsets.merge(partition, offset + 1, Math::max);
  }

  /** Notes that the record at {@code offset} holds samples of the interval at {@code start}. */
  void hold(TopicPartition partition, long intervalStart, long offset) {
    firstOffsetByInterval
        .computeIfAbsent(partition, p -> new TreeMap<>())
        .merge(intervalStart, offset, Math::min);
  }

  /** Forgets the intervals before {@code openFrom}: they were flushed. */
  void release(long openFrom) {
    firstOffsetByInterval.values().forEach(held -> held.headMap(openFrom).clear());
    firstOffsetByInterval.values().removeIf(Map::isEmpty);
  }

  /**
   * For every partition read from: the offset to resume from so that nothing held is lost — the
   * first record feeding an open interval, or the next unread record when nothing is held.
   */
  Map<TopicPartition, Long> commitOffsets() {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    nextOffsets.forEach(
        (partition, next) -> {
          NavigableMap<Long, Long> held = firstOffsetByInterval.get(partition);
          long first = held == null ? next : held.values().stream().min(Long::compare).orElse(next);
          offsets.put(partition, first);
        });
    return offsets;
  }

  /** The next unread offset of a partition read from, or -1 if nothing was read from it. */
  long nextOffset(TopicPartition partition) {
    return nextOffsets.getOrDefault(partition, -1L);
  }

  /** Forgets the given partitions entirely. */
  void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(
        p -> {
          firstOffsetByInterval.remove(p);
          nextOffsets.remove(p);
        });
  }

  /** Forgets every partition. */
  void clear() {
    firstOffsetByInterval.clear();
    nextOffsets.clear();
  }
}
