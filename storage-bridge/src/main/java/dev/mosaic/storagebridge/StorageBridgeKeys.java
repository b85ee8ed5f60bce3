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
          "Host name or address of carbon's receiver, used when storage-bridge.carbon.destinations"
              + " is empty; resolved again on every connect.");
  public static final ConfigKey<Integer> CARBON_PORT =
      ConfigKey.integer(
          "storage-bridge.carbon.port",
          "2003",
          1,
          65535,
          "TCP port of carbon's receiver, used when storage-bridge.carbon.destinations is empty:"
              + " LINE_RECEIVER_PORT for plaintext; left at its default with the pickle protocol,"
              + " 2004 (PICKLE_RECEIVER_PORT) is used.");
  public static final ConfigKey<String> CARBON_DESTINATIONS =
      ConfigKey.string(
          "storage-bridge.carbon.destinations",
          "",
          "Comma-separated host:port[:instance] list, as carbon-relay's DESTINATIONS; each gets its"
              + " own consumer group <consumer-group>.<destination>. Empty: the one destination"
              + " storage-bridge.carbon.host:port.");
  public static final ConfigKey<String> CARBON_RELAY_METHOD =
      ConfigKey.string(
          "storage-bridge.carbon.relay-method",
          "consistent-hashing",
          "How points are spread over several destinations: consistent-hashing (each metric to one"
              + " destination, the one carbon-relay would pick) or replicate (every point to every"
              + " destination).");
  public static final ConfigKey<String> CARBON_PROTOCOL =
      ConfigKey.string(
          "storage-bridge.carbon.protocol",
          "plaintext",
          "Carbon's wire protocol: plaintext (port 2003) or pickle (port 2004).");
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
  public static final ConfigKey<Duration> FETCH_MAX_WAIT =
      ConfigKey.duration(
          "storage-bridge.fetch-max-wait",
          "100ms",
          "Kafka fetch.max.wait.ms of the bridge's consumer: how long the broker holds a fetch"
              + " that finds no committed aggregates; at most 5s. Part of the packet-to-carbon"
              + " latency whenever an interval's records miss the fetch in flight.");

  public static final List<ConfigKey<?>> ALL =
      List.of(
          CARBON_HOST,
          CARBON_PORT,
          CARBON_DESTINATIONS,
          CARBON_RELAY_METHOD,
          CARBON_PROTOCOL,
          CONSUMER_GROUP,
          RECONNECT_INITIAL_BACKOFF,
          RECONNECT_MAX_BACKOFF,
          CONNECT_TIMEOUT,
          MAX_POLL_RECORDS,
          FETCH_MAX_WAIT);
}
