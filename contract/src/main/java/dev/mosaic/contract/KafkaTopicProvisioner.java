package dev.mosaic.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates mosaic's topics when they are missing, so a fresh cluster (or the embedded broker) needs
 * no manual set-up. Existing topics are left exactly as they are.
 */
public final class KafkaTopicProvisioner {
  private KafkaTopicProvisioner() {}

  /**
   * @throws IllegalStateException if the cluster cannot be reached or refuses, after {@code
   *     timeoutMillis}
   */
  public static void ensureTopics(KafkaSettings kafka, long timeoutMillis, String... names) {
    try (Admin admin = Admin.create(kafka.clientProperties("mosaic-topic-provisioner"))) {
      Set<String> existing = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String name : names) {
        if (!existing.contains(name)) {
          missing.add(new NewTopic(name, kafka.partitions(), kafka.replicationFactor()));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) { // another service won the race
        throw new IllegalStateException("cannot create topics on " + kafka.bootstrapServers(), e);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at " + kafka.bootstrapServers() + " did not answer in " + timeoutMillis + " ms",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Creates {@code topic} compacted, with as many partitions as {@code partitionedLike}, when it is
   * missing. Such a topic keeps, in its partition n, the state of what partition n of {@code
   * partitionedLike} carries, so that whoever is assigned a partition can restore its state from
   * the partition of the same number.
   *
   * @return the partition count of both topics
   * @throws IllegalStateException if an existing {@code topic} has another partition count than
   *     {@code partitionedLike}, or Kafka does not answer in time
   */
  public static int ensureCompactedAlongside(
      KafkaSettings kafka, String topic, String partitionedLike, long timeoutMillis) {
    try (Admin admin = Admin.create(kafka.clientProperties("mosaic-topic-provisioner"))) {
      int partitions = partitions(admin, partitionedLike, timeoutMillis);
      if (!admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS).contains(topic)) {
        NewTopic compacted =
            new NewTopic(topic, partitions, kafka.replicationFactor())
                .configs(
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
          admin.createTopics(List.of(compacted)).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) { // another instance won the race
            throw e;
          }
        }
      }
      int existing = partitions(admin, topic, timeoutMillis);
      if (existing != partitions) {
        throw new IllegalStateException(
            topic
                + " has "
                + existing
                + " partitions but "
                + partitionedLike
                + " has "
                + partitions
                + "; they must be equal (a series' state lives in the partition of the same number"
                + " as its records in "
                + partitionedLike
                + ")");
      }
      return partitions;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create or describe " + topic, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at " + kafka.bootstrapServers() + " did not answer in " + timeoutMillis + " ms",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating " + topic, e);
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
