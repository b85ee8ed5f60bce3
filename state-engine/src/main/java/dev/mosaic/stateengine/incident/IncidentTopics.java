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

/**
 * Creates the compacted incident-state topic, which the shared provisioner cannot (it creates plain
 * topics only). An existing topic is left as it is.
 */
public final class IncidentTopics {
  private IncidentTopics() {}

  public static void ensureCompacted(KafkaSettings kafka, String topic, long timeoutMillis) {
    try (Admin admin = Admin.create(kafka.clientProperties("mosaic-state-engine-admin"))) {
      if (admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS).contains(topic)) {
        return;
      }
      NewTopic compacted =
          new NewTopic(topic, kafka.partitions(), kafka.replicationFactor())
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(compacted)).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) { // another engine won the race
        throw new IllegalStateException("cannot create " + topic, e);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer in " + timeoutMillis + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating " + topic, e);
    }
  }
}
