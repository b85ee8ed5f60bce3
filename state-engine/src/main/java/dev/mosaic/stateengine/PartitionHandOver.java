package dev.mosaic.stateengine;

import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.stateengine.eval.CheckEngine;
import dev.mosaic.stateengine.incident.IncidentStateReader;
import dev.mosaic.stateengine.incident.SavedPartition;
import dev.mosaic.stateengine.incident.StateCommitter;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves series state between engines of one consumer group as aggregates partitions move. On
 * revocation the engine commits what it has pending (state and offsets together) and forgets the
 * partitions' series; on assignment it reads the same-numbered incident-state partitions and takes
 * their series and incidents over. A lost partition (the group moved on without us) is forgotten
 * without writing: the new owner continues from the last commit.
 *
 * <pre>
 * KafkaConsumer.poll → PartitionHandOver → StateCommitter / IncidentStateReader → CheckEngine
 * </pre>
 *
 * <p>Kafka calls it on the consuming thread, inside {@code poll}.
 */
final class PartitionHandOver implements ConsumerRebalanceListener {
  private static final Logger log = LoggerFactory.getLogger(PartitionHandOver.class);

  private final KafkaSettings kafka;
  private final CheckEngine engine;
  private final StateCommitter committer;
  private final Consumer<?, ?> consumer;
  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
  private final Clock clock;
  private final Duration timeout;
  private final Counter badStateRecords;

  PartitionHandOver(
      KafkaSettings kafka,
      CheckEngine engine,
      StateCommitter committer,
      Consumer<?, ?> consumer,
      Clock clock,
      Duration timeout,
      Counter badStateRecords) {
    this.kafka = kafka;
    this.engine = engine;
    this.committer = committer;
    this.consumer = consumer;
    this.clock = clock;
    this.timeout = timeout;
    this.badStateRecords = badStateRecords;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    List<Integer> numbers = numbers(partitions);
    List<SavedPartition> saved =
        IncidentStateReader.read(
            kafka, kafka.topics().incidentState(), numbers, timeout, badStateRecords);
    long now = clock.millis();
    for (SavedPartition p : saved) {
      engine.restore(p.partition(), p.incidents(), p.series(), now);
    }
    // Settles where reading starts (a new group starts at the end) before anyone sees the
    // partition as taken: values produced from now on are evaluated.
    partitions.forEach(consumer::position);
    owned.addAll(numbers);
    log.info("took over aggregates partitions {}", numbers);
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    List<Integer> numbers = numbers(partitions);
    // On an abort nothing of it is visible: the next owner resumes from the last commit.
    committer.commit(consumer.groupMetadata());
    owned.removeAll(numbers);
    engine.drop(numbers);
    committer.discard(kafka.topics().aggregates(), numbers);
    log.info("handed over aggregates partitions {}", numbers);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    List<Integer> numbers = numbers(partitions);
    committer.discard(kafka.topics().aggregates(), numbers);
    owned.removeAll(numbers);
    engine.drop(numbers);
    log.warn("lost aggregates partitions {}", numbers);
  }

  /** How many aggregates partitions this engine owns and has taken over. */
  int owned() {
    return owned.size();
  }

  private static List<Integer> numbers(Collection<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::partition).sorted().toList();
  }
}
