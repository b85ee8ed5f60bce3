package dev.mosaic.contract.config;

import java.util.List;

/** The {@code kafka.*} keys every service reads. */
public final class KafkaKeys {
  private KafkaKeys() {}

  public static final ConfigKey<String> BOOTSTRAP_SERVERS =
      ConfigKey.string(
          "kafka.bootstrap-servers",
          "",
          "Comma-separated host:port list of an external Kafka cluster; empty starts the embedded"
              + " broker (launcher only).");
  public static final ConfigKey<String> TOPIC_PREFIX =
      ConfigKey.string(
          "kafka.topic-prefix", "mosaic.", "Prefix of every topic name, e.g. mosaic.samples.");
  public static final ConfigKey<Integer> PARTITIONS =
      ConfigKey.integer(
          "kafka.partitions",
          "4",
          1,
          10_000,
          "Partitions of the topics mosaic creates when they are missing; aggregators scale up to"
              + " this many.");
  public static final ConfigKey<Integer> REPLICATION_FACTOR =
      ConfigKey.integer(
          "kafka.replication-factor",
          "1",
          1,
          32,
          "Replication factor of the topics mosaic creates when they are missing.");
  public static final ConfigKey<String> EMBEDDED_DATA_DIR =
      ConfigKey.string(
          "kafka.embedded.data-dir",
          "data/kafka",
          "Log directory of the embedded broker; kept across restarts so nothing in flight is lost.");
  public static final ConfigKey<Integer> EMBEDDED_PORT =
      ConfigKey.port(
          "kafka.embedded.port", "9092", "Client port of the embedded broker (127.0.0.1 only).");
  public static final ConfigKey<Integer> EMBEDDED_CONTROLLER_PORT =
      ConfigKey.port(
          "kafka.embedded.controller-port",
          "9093",
          "KRaft controller port of the embedded broker (127.0.0.1 only).");

  public static final List<ConfigKey<?>> ALL =
      List.of(
          BOOTSTRAP_SERVERS,
          TOPIC_PREFIX,
          PARTITIONS,
          REPLICATION_FACTOR,
          EMBEDDED_DATA_DIR,
          EMBEDDED_PORT,
          EMBEDDED_CONTROLLER_PORT);
}
