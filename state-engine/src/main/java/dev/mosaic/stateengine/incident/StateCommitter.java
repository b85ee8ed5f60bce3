package dev.mosaic.stateengine.incident;

import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Pairs what the engine wrote to its {@link StateOutbox} with the aggregates offsets it consumed,
 * and commits both in one {@link StateTransactions transaction}. A transaction that aborts leaves
 * everything in place for the next attempt.
 *
 * <pre>
 * consumed offsets + StateOutbox → StateCommitter → StateTransactions
 * </pre>
 *
 * <p>Used by the consuming thread only (the outbox itself takes entries from any thread).
 */
public final class StateCommitter {
  private final StateOutbox outbox;
  private final StateTransactions transactions;
  private final Counter events;
  private final Counter aborted;
  private final Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
  private final Clock clock;
  private volatile Long lastCommitAtMillis;
  private volatile String lastError;

  /**
   * @param events counts incident events committed
   * @param aborted counts transactions that aborted
   */
  public StateCommitter(
      StateOutbox outbox,
      StateTransactions transactions,
      Counter events,
      Counter aborted,
      Clock clock) {
    this.clock = clock;
    this.outbox = outbox;
    this.transactions = transactions;
    this.events = events;
    this.aborted = aborted;
  }

  /** Records that every record of {@code partition} before {@code nextOffset} is processed. */
  public void consumed(TopicPartition partition, long nextOffset) {
    consumed.put(partition, new OffsetAndMetadata(nextOffset));
  }

  /**
   * Commits what is pending, if anything.
   *
   * @return whether nothing is pending any more
   */
  public boolean commit(ConsumerGroupMetadata group) {
    List<StateOutbox.Entry> entries = outbox.peek();
    if (entries.isEmpty() && consumed.isEmpty()) {
      return true;
    }
    List<ProducerRecord<String, byte[]>> records =
        entries.stream().map(StateOutbox.Entry::record).toList();
    Optional<String> failed = transactions.commit(records, Map.copyOf(consumed), group);
    if (failed.isPresent()) {
      aborted.increment();
      lastError = failed.get();
      return false;
    }
    lastError = null;
    lastCommitAtMillis = clock.millis();
    outbox.remove(entries.size());
    consumed.clear();
    events.increment(entries.stream().filter(StateOutbox.Entry::isEvent).count());
    return true;
  }

  /** When a transaction last committed, epoch milliseconds; null if none did. Any thread. */
  public Long lastCommitAtMillis() {
    return lastCommitAtMillis;
  }

  /** Why the last transaction aborted, or empty if it committed. Any thread. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** Forgets what is pending for partitions this engine no longer owns. */
  public void discard(String aggregatesTopic, Collection<Integer> partitions) {
    outbox.discard(partitions);
    partitions.forEach(p -> consumed.remove(new TopicPartition(aggregatesTopic, p)));
  }
}
