package dev.mosaic.stateengine;

import dev.mosaic.contract.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/** The {@code state-engine.*} configuration keys. */
public final class StateEngineKeys {
  private StateEngineKeys() {}

  public static final ConfigKey<String> CHECKS_DIR =
      ConfigKey.string(
          "state-engine.checks-dir",
          "checks",
          "Directory of check files (*.yaml, *.yml); a missing directory holds no checks.");
  public static final ConfigKey<Duration> CHECKS_RELOAD_INTERVAL =
      ConfigKey.duration(
          "state-engine.checks-reload-interval",
          "5s",
          "How often the check files are read again; a changed set replaces the running one, a"
              + " broken one is rejected and the last good set keeps running.");
  public static final ConfigKey<String> CONSUMER_GROUP =
      ConfigKey.string(
          "state-engine.consumer-group",
          "mosaic-state-engine",
          "Kafka consumer group of the state engines on the aggregates topic.");
  public static final ConfigKey<String> HTTP_BIND =
      ConfigKey.string("state-engine.http.bind", "127.0.0.1", "Address the HTTP API listens on.");
  public static final ConfigKey<Integer> HTTP_PORT =
      ConfigKey.port("state-engine.http.port", "8081", "Port of the HTTP API; 0 for any free one.");
  public static final ConfigKey<String> API_TOKEN =
      ConfigKey.string(
          "state-engine.api-token",
          "",
          "Bearer token the API's mutating calls (ack, silence) require; empty refuses them all.");
  public static final ConfigKey<Integer> RECENT_VALUES =
      ConfigKey.integer(
          "state-engine.recent-values",
          "360",
          1,
          100_000,
          "Latest values kept per series for GET /check (360 is one hour at a 10s interval).");
  public static final ConfigKey<Integer> RECENT_MAX_SERIES =
      ConfigKey.integer(
          "state-engine.recent-max-series",
          "100000",
          1,
          10_000_000,
          "Most series whose latest values are kept for GET /check; further series are counted"
              + " and not kept.");

  public static final ConfigKey<Duration> RESOLVED_RETENTION =
      ConfigKey.duration(
          "state-engine.resolved-retention",
          "24h",
          "How long a resolved incident stays in the API and in the incident-state topic; then"
              + " its record there is replaced by a tombstone so that compaction removes it.");

  public static final List<ConfigKey<?>> ALL =
      List.of(
          CHECKS_DIR,
          CHECKS_RELOAD_INTERVAL,
          CONSUMER_GROUP,
          HTTP_BIND,
          HTTP_PORT,
          API_TOKEN,
          RECENT_VALUES,
          RECENT_MAX_SERIES,
          RESOLVED_RETENTION);
}
