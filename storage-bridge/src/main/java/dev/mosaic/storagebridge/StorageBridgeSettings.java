package dev.mosaic.storagebridge;

import static dev.mosaic.storagebridge.StorageBridgeKeys.CARBON_HOST;
import static dev.mosaic.storagebridge.StorageBridgeKeys.CARBON_PORT;
import static dev.mosaic.storagebridge.StorageBridgeKeys.CONNECT_TIMEOUT;
import static dev.mosaic.storagebridge.StorageBridgeKeys.CONSUMER_GROUP;
import static dev.mosaic.storagebridge.StorageBridgeKeys.MAX_POLL_RECORDS;
import static dev.mosaic.storagebridge.StorageBridgeKeys.RECONNECT_INITIAL_BACKOFF;
import static dev.mosaic.storagebridge.StorageBridgeKeys.RECONNECT_MAX_BACKOFF;

import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.MosaicConfig;
import java.time.Duration;

/**
 * The storage bridge's validated configuration; see {@link StorageBridgeKeys} for each value.
 *
 * @param carbonHost carbon's host, not blank
 * @param carbonPort carbon's plaintext port, 1 to 65535
 * @param consumerGroup Kafka consumer group, not blank
 * @param initialBackoff first wait after a failure
 * @param maxBackoff longest wait, at least {@code initialBackoff}
 * @param connectTimeout one connect's limit, at most {@link Integer#MAX_VALUE} milliseconds
 * @param maxPollRecords Kafka records taken, written and committed together
 */
record StorageBridgeSettings(
    String carbonHost,
    int carbonPort,
    String consumerGroup,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration connectTimeout,
    int maxPollRecords) {

  static StorageBridgeSettings from(MosaicConfig config) throws ConfigException {
    String host = config.get(CARBON_HOST).trim();
    if (host.isEmpty()) {
      throw wrong(config, CARBON_HOST, "is empty; name carbon's host");
    }
    String group = config.get(CONSUMER_GROUP).trim();
    if (group.isEmpty()) {
      throw wrong(config, CONSUMER_GROUP, "is empty; name a consumer group");
    }
    Duration initial = config.get(RECONNECT_INITIAL_BACKOFF);
    Duration max = config.get(RECONNECT_MAX_BACKOFF);
    if (max.compareTo(initial) < 0) {
      throw wrong(
          config,
          RECONNECT_MAX_BACKOFF,
          max.toMillis()
              + " ms is shorter than "
              + RECONNECT_INITIAL_BACKOFF.name()
              + " ("
              + initial.toMillis()
              + " ms)");
    }
    Duration connectTimeout = config.get(CONNECT_TIMEOUT);
    if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
      throw wrong(config, CONNECT_TIMEOUT, "is longer than a socket allows (about 24 days)");
    }
    return new StorageBridgeSettings(
        host,
        config.get(CARBON_PORT),
        group,
        initial,
        max,
        connectTimeout,
        config.get(MAX_POLL_RECORDS));
  }

  private static ConfigException wrong(MosaicConfig config, ConfigKey<?> key, String problem) {
    return new ConfigException(config.sourceOf(key) + ": " + key.name() + ": " + problem);
  }
}
