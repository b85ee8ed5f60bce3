package dev.mosaic.storagebridge;

import static dev.mosaic.storagebridge.StorageBridgeKeys.CARBON_DESTINATIONS;
import static dev.mosaic.storagebridge.StorageBridgeKeys.CARBON_HOST;
import static dev.mosaic.storagebridge.StorageBridgeKeys.CARBON_PORT;
import static dev.mosaic.storagebridge.StorageBridgeKeys.CARBON_PROTOCOL;
import static dev.mosaic.storagebridge.StorageBridgeKeys.CARBON_RELAY_METHOD;
import static dev.mosaic.storagebridge.StorageBridgeKeys.CONNECT_TIMEOUT;
import static dev.mosaic.storagebridge.StorageBridgeKeys.CONSUMER_GROUP;
import static dev.mosaic.storagebridge.StorageBridgeKeys.FETCH_MAX_WAIT;
import static dev.mosaic.storagebridge.StorageBridgeKeys.MAX_POLL_RECORDS;
import static dev.mosaic.storagebridge.StorageBridgeKeys.RECONNECT_INITIAL_BACKOFF;
import static dev.mosaic.storagebridge.StorageBridgeKeys.RECONNECT_MAX_BACKOFF;

import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.storagebridge.carbon.CarbonDestination;
import dev.mosaic.storagebridge.carbon.ConsistentHashRing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The storage bridge's validated configuration; see {@link StorageBridgeKeys} for each value.
 *
 * @param destinations carbon receivers, at least one, no two the same host and instance
 * @param relayMethod how points are spread over the destinations
 * @param protocol carbon's wire protocol
 * @param consumerGroup Kafka consumer group, not blank
 * @param initialBackoff first wait after a failure
 * @param maxBackoff longest wait, at least {@code initialBackoff}
 * @param connectTimeout one connect's limit, at most {@link Integer#MAX_VALUE} milliseconds
 * @param maxPollRecords Kafka records taken, written and committed together
 * @param fetchMaxWait the consumer's fetch.max.wait.ms, at most 5 s
 */
record StorageBridgeSettings(
    List<CarbonDestination> destinations,
    RelayMethod relayMethod,
    CarbonProtocol protocol,
    String consumerGroup,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration connectTimeout,
    int maxPollRecords,
    Duration fetchMaxWait) {

  StorageBridgeSettings {
    destinations = List.copyOf(destinations);
  }

  /** Longer only delays points: the consumer's poll returns what a fetch brings at once. */
  private static final Duration MAX_FETCH_MAX_WAIT = Duration.ofSeconds(5);

  static StorageBridgeSettings from(MosaicConfig config) throws ConfigException {
    CarbonProtocol protocol = choose(config, CARBON_PROTOCOL, CarbonProtocol.values());
    RelayMethod relayMethod = choose(config, CARBON_RELAY_METHOD, RelayMethod.values());
    List<CarbonDestination> destinations = destinations(config, protocol);
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
    Duration fetchMaxWait = config.get(FETCH_MAX_WAIT);
    if (fetchMaxWait.compareTo(MAX_FETCH_MAX_WAIT) > 0) {
      throw wrong(
          config, FETCH_MAX_WAIT, "is longer than " + MAX_FETCH_MAX_WAIT.toSeconds() + " s");
    }
    return new StorageBridgeSettings(
        destinations,
        relayMethod,
        protocol,
        group,
        initial,
        max,
        connectTimeout,
        config.get(MAX_POLL_RECORDS),
        fetchMaxWait);
  }

  /**
   * The consumer group of one destination: the configured group for a single destination, so a
   * bridge keeps its offsets when it starts with one; {@code <group>.<destination>} for several.
   */
  String consumerGroupOf(CarbonDestination destination) {
    return destinations.size() == 1 ? consumerGroup : consumerGroup + "." + destination;
  }

  private static List<CarbonDestination> destinations(MosaicConfig config, CarbonProtocol protocol)
      throws ConfigException {
    String list = config.get(CARBON_DESTINATIONS).trim();
    if (list.isEmpty()) {
      String host = config.get(CARBON_HOST).trim();
      if (host.isEmpty()) {
        throw wrong(config, CARBON_HOST, "is empty; name carbon's host");
      }
      boolean portGiven = !"default".equals(config.sourceOf(CARBON_PORT));
      int port = portGiven ? config.get(CARBON_PORT) : protocol.defaultPort();
      return List.of(new CarbonDestination(host, port, null));
    }
    for (ConfigKey<?> single : List.of(CARBON_HOST, CARBON_PORT)) {
      if (!"default".equals(config.sourceOf(single))) {
        throw wrong(
            config,
            CARBON_DESTINATIONS,
            "is set, and so is "
                + single.name()
                + " ("
                + config.sourceOf(single)
                + "); give the host and port in the list only");
      }
    }
    List<CarbonDestination> destinations = new ArrayList<>();
    for (String text : list.split(",")) {
      try {
        destinations.add(CarbonDestination.parse(text));
      } catch (IllegalArgumentException e) {
        throw wrong(config, CARBON_DESTINATIONS, e.getMessage());
      }
    }
    try {
      new ConsistentHashRing(destinations); // refuses two destinations of one host and instance
    } catch (IllegalArgumentException e) {
      throw wrong(config, CARBON_DESTINATIONS, e.getMessage());
    }
    return destinations;
  }

  private static <E extends Enum<E>> E choose(
      MosaicConfig config, ConfigKey<String> key, E[] values) throws ConfigException {
    String text = config.get(key).trim();
    for (E value : values) {
      if (configName(value).equals(text)) {
        return value;
      }
    }
    throw wrong(
        config,
        key,
        "\""
            + text
            + "\" is not one of "
            + Arrays.stream(values).map(StorageBridgeSettings::configName).toList());
  }

  /**
   * An enum constant as configuration names it: {@code CONSISTENT_HASHING} is {@code
   * consistent-hashing}.
   */
  static String configName(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static ConfigException wrong(MosaicConfig config, ConfigKey<?> key, String problem) {
    return new ConfigException(config.sourceOf(key) + ": " + key.name() + ": " + problem);
  }
}
