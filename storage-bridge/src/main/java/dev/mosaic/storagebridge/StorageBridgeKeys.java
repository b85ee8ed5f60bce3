package dev.mosaic.storagebridge;

import dev.mosaic.contract.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/** The {@code storage-bridge.*} configuration keys. */
public final class StorageBridgeKeys {
  private StorageBridgeKeys() {}

  public static final ConfigKey<String> CARBON_HOST =
      ConfigKey.string(
          "storage-bridge.carbon.host",
          "127.0.0.1",
          "Host name or address of carbon's plaintext receiver; resolved again on every connect.");
  public static final ConfigKey<Integer> CARBON_PORT =
      ConfigKey.integer(
          "storage-bridge.carbon.port",
          "2003",
          1,
          65535,
          "TCP port of carbon's plaintext receiver (carbon's LINE_RECEIVER_PORT).");
  public static final ConfigKey<String> CONSUMER_GROUP =
      ConfigKey.string(
          "storage-bridge.consumer-group",
          "mosaic-storage-bridge",
          "Kafka consumer group; bridges sharing it split the aggregates topic's partitions.");
  public static final ConfigKey<Duration> RECONNECT_INITIAL_BACKOFF =
      ConfigKey.duration(
          "storage-bridge.reconnect.initial-backoff",
          "100ms",
          "Wait after the first failed connect or write; doubled after each further failure.");
  public static final ConfigKey<Duration> RECONNECT_MAX_BACKOFF =
      ConfigKey.duration(
          "storage-bridge.reconnect.max-backoff",
          "10s",
          "Longest wait between attempts while carbon is unavailable; at least the initial backoff.");
  public static final ConfigKey<Duration> CONNECT_TIMEOUT =
      ConfigKey.duration(
          "storage-bridge.connect-timeout",
          "5s",
          "How long one TCP connect to carbon may take before it counts as failed.");
  public static final ConfigKey<Integer> MAX_POLL_RECORDS =
      ConfigKey.integer(
          "storage-bridge.max-poll-records",
          "100",
          1,
          10_000,
          "Aggregate batches taken from Kafka at once: they are written and committed together and"
              + " held in memory while carbon is unavailable.");

  public static final List<ConfigKey<?>> ALL =
      List.of(
          CARBON_HOST,
          CARBON_PORT,
          CONSUMER_GROUP,
          RECONNECT_INITIAL_BACKOFF,
          RECONNECT_MAX_BACKOFF,
          CONNECT_TIMEOUT,
          MAX_POLL_RECORDS);
}
