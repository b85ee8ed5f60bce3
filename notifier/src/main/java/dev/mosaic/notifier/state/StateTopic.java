package dev.mosaic.notifier.state;

import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.notifier.escalation.PendingEscalation;
import dev.mosaic.notifier.group.NotificationGroup;
import dev.mosaic.notifier.http.DeliveryLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted {@code <prefix>notifier-state} topic: created at start when missing, and read from
 * its beginning to its current end to restore what the notifier of one consumer group left.
 *
 * <pre>
 * NotifierService.start → StateTopic.ensureExists, readAll → RestoredState
 * </pre>
 */
public final class StateTopic {
  private static final Logger log = LoggerFactory.getLogger(StateTopic.class);

  private StateTopic() {}

  /** The topic's name under a prefix. */
  public static String name(String topicPrefix) {
    return topicPrefix + "notifier-state";
  }

  /** Creates the topic compacted; an existing topic is left as it is. */
  public static void ensureExists(KafkaSettings kafka, String topic, Duration timeout) {
    try (Admin admin = Admin.create(kafka.clientProperties("mosaic-notifier-admin"))) {
      long millis = timeout.toMillis();
      if (admin.listTopics().names().get(millis, TimeUnit.MILLISECONDS).contains(topic)) {
        return;
      }
      NewTopic compacted =
          new NewTopic(topic, kafka.partitions(), kafka.replicationFactor())
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(compacted)).all().get(millis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) { // another notifier won the race
        throw new IllegalStateException("cannot create " + topic, e);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer in " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating " + topic, e);
    }
  }

  /**
   * Reads the latest value of every key of {@code consumerGroup}; a tombstone removes its key.
   *
   * @throws IllegalStateException if the end is not reached within {@code timeout}
   */
  public static RestoredState readAll(
      KafkaSettings kafka, String topic, String consumerGroup, Duration timeout) {
    Map<String, Object> props = kafka.clientProperties("mosaic-notifier-restore");
    props.put("enable.auto.commit", false);
    Map<StateCodec.Key, byte[]> latest = new LinkedHashMap<>();
    int bad = 0;
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end in " + timeout);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          StateCodec.Key key;
          try {
            key = StateCodec.parseKey(record.key());
          } catch (RuntimeException e) {
            bad++;
            continue;
          }
          if (!key.consumerGroup().equals(consumerGroup)) {
            continue;
          }
          if (record.value() == null) {
            latest.remove(key);
          } else {
            latest.remove(key); // keeps the map in the order of the latest writes
            latest.put(key, record.value());
          }
        }
      }
    }
    List<PendingEscalation> escalations = new ArrayList<>();
    List<NotificationGroup> groups = new ArrayList<>();
    List<DeliveryLog.Entry> deliveries = new ArrayList<>();
    for (Map.Entry<StateCodec.Key, byte[]> entry : latest.entrySet()) {
      try {
        switch (entry.getKey().kind()) {
          case StateCodec.ESCALATION ->
              escalations.add(StateCodec.decodeEscalation(entry.getValue()));
          case StateCodec.GROUP -> groups.add(StateCodec.decodeGroup(entry.getValue()));
          case StateCodec.DELIVERIES ->
              deliveries.addAll(StateCodec.decodeDeliveries(entry.getValue()));
          default -> throw new IllegalArgumentException("unknown kind " + entry.getKey().kind());
        }
      } catch (RuntimeException e) {
        bad++;
        log.warn("skipping notifier-state record {}: {}", entry.getKey(), e.getMessage());
      }
    }
    return new RestoredState(escalations, groups, deliveries, bad);
  }

  private static boolean reached(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
      if (consumer.position(partition.getKey()) < partition.getValue()) {
        return false;
      }
    }
    return true;
  }
}
