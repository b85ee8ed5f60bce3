package dev.mosaic.stateengine.incident;

import dev.mosaic.contract.KafkaSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the compacted incident-state topic, which the shared provisioner cannot (it creates plain
 * topics only), with as many partitions as the aggregates topic: a series' state lives in the
 * partition of the same number as its aggregates. An existing topic is left as it is, but a
 * partition count that differs from the aggregates topic's is an error.
 */
public final class IncidentTopics {
  private IncidentTopics() {}

  /**
   * @return the number of partitions of both topics
   * @throws IllegalStateException if the counts differ or Kafka does not answer
   */
  public static int ensureCompacted(
      KafkaSettings kafka, String topic, String aggregates, long timeoutMillis) {
    try (Admin admin = Admin.create(kafka.clientProperties("mosaic-state-engine-admin"))) {
      int partitions = partitions(admin, aggregates, timeoutMillis);
      if (!admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS).contains(topic)) {
        create(admin, new NewTopic(topic, partitions, kafka.replicationFactor()), timeoutMillis);
      }
      int existing = partitions(admin, topic, timeoutMillis);
      if (existing != partitions) {
        throw new IllegalStateException(
            topic
                + " has "
                + existing
                + " partitions but "
                + aggregates
                + " has "
                + partitions
                + "; they must be equal (a series' state lives in the partition of its"
                + " aggregates)");
      }
      return partitions;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create or describe " + topic, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer in " + timeoutMillis + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating " + topic, e);
    }
  }

  private static void create(Admin admin, NewTopic topic, long timeoutMillis)
      throws ExecutionException, TimeoutException, InterruptedException {
    NewTopic compacted =
        topic.configs(
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      admin.createTopics(List.of(compacted)).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) { // another engine won the race
        throw e;
      }
    }
  }

  /** The topic's partition count, waiting while a topic just created is not yet known. */
  private static int partitions(Admin admin, String topic, long timeoutMillis)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      try {
        return admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(timeoutMillis, TimeUnit.MILLISECONDS)
            .get(topic)
            .partitions()
            .size();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
