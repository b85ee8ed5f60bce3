package dev.mosaic.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

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
}
