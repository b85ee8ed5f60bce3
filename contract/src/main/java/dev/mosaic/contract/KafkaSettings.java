package dev.mosaic.contract;

import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a service reaches Kafka and names its topics.
 *
 * @param bootstrapServers host:port list, never empty here (the launcher fills in the embedded
 *     broker's address)
 * @param topics the topic names
 * @param partitions partitions for topics mosaic creates
 * @param replicationFactor replication for topics mosaic creates
 */
public record KafkaSettings(
    String bootstrapServers, Topics topics, int partitions, short replicationFactor) {

  public KafkaSettings {
    Objects.requireNonNull(topics);
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers are empty");
    }
  }

  public static KafkaSettings from(MosaicConfig config, String bootstrapServers) {
    return new KafkaSettings(
        bootstrapServers,
        new Topics(config.get(KafkaKeys.TOPIC_PREFIX)),
        config.get(KafkaKeys.PARTITIONS),
        config.get(KafkaKeys.REPLICATION_FACTOR).shortValue());
  }

  /** Properties every client of this service shares; callers add their own on top. */
  public Map<String, Object> clientProperties(String clientId) {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("client.id", clientId);
    return props;
  }
}
