package dev.mosaic.notifier;

import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.MosaicConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The notifier's validated configuration.
 *
 * @param routesFile the routes file
 * @param routesReloadInterval how often it is read again
 * @param consumerGroup consumer group on the incidents topic
 * @param requestTimeout per webhook request
 * @param initialBackoff base wait before the first retry
 * @param maxBackoff cap of the base wait
 * @param maxAttempts attempts per notification and receiver
 * @param httpAddress where the HTTP API listens
 * @param deliveryLogSize deliveries kept for {@code GET /notifications}
 * @param incidentUrl link template, {@code {id}} replaced; empty for none
 */
public record NotifierSettings(
    Path routesFile,
    Duration routesReloadInterval,
    String consumerGroup,
    Duration requestTimeout,
    Duration initialBackoff,
    Duration maxBackoff,
    int maxAttempts,
    InetSocketAddress httpAddress,
    int deliveryLogSize,
    String incidentUrl) {

  public static NotifierSettings from(MosaicConfig config) throws ConfigException {
    String routesFile = config.get(NotifierKeys.ROUTES_FILE);
    requireNotBlank(config, NotifierKeys.ROUTES_FILE, routesFile);
    String group = config.get(NotifierKeys.CONSUMER_GROUP);
    requireNotBlank(config, NotifierKeys.CONSUMER_GROUP, group);
    Duration initial = config.get(NotifierKeys.INITIAL_BACKOFF);
    Duration max = config.get(NotifierKeys.MAX_BACKOFF);
    if (max.compareTo(initial) < 0) {
      throw new ConfigException(
          config.sourceOf(NotifierKeys.MAX_BACKOFF)
              + ": "
              + NotifierKeys.MAX_BACKOFF.name()
              + ": "
              + max
              + " is shorter than "
              + NotifierKeys.INITIAL_BACKOFF.name()
              + " ("
              + initial
              + ")");
    }
    String bind = config.get(NotifierKeys.HTTP_BIND);
    InetSocketAddress httpAddress = new InetSocketAddress(bind, config.get(NotifierKeys.HTTP_PORT));
    if (bind.isBlank() || httpAddress.isUnresolved()) {
      throw new ConfigException(
          config.sourceOf(NotifierKeys.HTTP_BIND)
              + ": "
              + NotifierKeys.HTTP_BIND.name()
              + ": '"
              + bind
              + "' does not resolve to an address");
    }
    return new NotifierSettings(
        Path.of(routesFile),
        config.get(NotifierKeys.ROUTES_RELOAD_INTERVAL),
        group,
        config.get(NotifierKeys.REQUEST_TIMEOUT),
        initial,
        max,
        config.get(NotifierKeys.MAX_ATTEMPTS),
        httpAddress,
        config.get(NotifierKeys.DELIVERY_LOG_SIZE),
        config.get(NotifierKeys.INCIDENT_URL));
  }

  private static void requireNotBlank(MosaicConfig config, ConfigKey<String> key, String value)
      throws ConfigException {
    if (value.isBlank()) {
      throw new ConfigException(config.sourceOf(key) + ": " + key.name() + ": must not be empty");
    }
  }
}
