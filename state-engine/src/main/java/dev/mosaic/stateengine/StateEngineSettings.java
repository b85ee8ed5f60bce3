package dev.mosaic.stateengine;

import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.MosaicConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The state engine's validated configuration; see {@link StateEngineKeys} for each value.
 *
 * @param checksDir directory of check files
 * @param reloadInterval how often the check files are read again
 * @param consumerGroup consumer group on the aggregates topic
 * @param httpBind address of the HTTP API
 * @param httpPort port of the HTTP API, 0 for any
 * @param apiToken bearer token for mutating calls; empty refuses them
 * @param recentValues values kept per series for {@code GET /check}
 * @param recentMaxSeries series kept for {@code GET /check}
 * @param resolvedRetention how long resolved incidents are kept before their tombstone
 */
public record StateEngineSettings(
    Path checksDir,
    Duration reloadInterval,
    String consumerGroup,
    InetAddress httpBind,
    int httpPort,
    String apiToken,
    int recentValues,
    int recentMaxSeries,
    Duration resolvedRetention) {

  public static StateEngineSettings from(MosaicConfig config) throws ConfigException {
    String dir = config.get(StateEngineKeys.CHECKS_DIR);
    if (dir.isBlank()) {
      throw error(config, "is empty", StateEngineKeys.CHECKS_DIR);
    }
    String group = config.get(StateEngineKeys.CONSUMER_GROUP);
    if (group.isBlank()) {
      throw error(config, "is empty", StateEngineKeys.CONSUMER_GROUP);
    }
    InetAddress bind;
    try {
      bind = InetAddress.getByName(config.get(StateEngineKeys.HTTP_BIND));
    } catch (UnknownHostException e) {
      throw error(config, "is not an address of this host", StateEngineKeys.HTTP_BIND);
    }
    return new StateEngineSettings(
        Path.of(dir),
        config.get(StateEngineKeys.CHECKS_RELOAD_INTERVAL),
        group,
        bind,
        config.get(StateEngineKeys.HTTP_PORT),
        config.get(StateEngineKeys.API_TOKEN),
        config.get(StateEngineKeys.RECENT_VALUES),
        config.get(StateEngineKeys.RECENT_MAX_SERIES),
        config.get(StateEngineKeys.RESOLVED_RETENTION));
  }

  private static ConfigException error(MosaicConfig config, String what, ConfigKey<?> key) {
    return new ConfigException(config.sourceOf(key) + ": " + key.name() + ": " + what);
  }
}
