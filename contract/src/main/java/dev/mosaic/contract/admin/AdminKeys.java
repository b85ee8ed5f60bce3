package dev.mosaic.contract.admin;

import dev.mosaic.contract.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * The {@code admin.*} keys every mosaic process reads: where its admin HTTP server listens, when a
 * consumer counts as ready, and whether its self-metrics also go into mosaic's own pipeline.
 */
public final class AdminKeys {
  private AdminKeys() {}

  public static final ConfigKey<Boolean> ENABLED =
      ConfigKey.bool(
          "admin.enabled",
          "true",
          "Serve /metrics (Prometheus), /health and /ready over HTTP on admin.bind:admin.port.");
  public static final ConfigKey<String> BIND =
      ConfigKey.string(
          "admin.bind",
          "127.0.0.1",
          "Address the admin HTTP server binds; 0.0.0.0 to let a Prometheus or a container"
              + " health check on another host reach it.");
  public static final ConfigKey<Integer> PORT =
      ConfigKey.port(
          "admin.port",
          "9400",
          "TCP port of the admin HTTP server; one per process, so services run alone on one host"
              + " each need their own.");
  public static final ConfigKey<Integer> READY_MAX_LAG =
      ConfigKey.integer(
          "admin.ready.max-lag",
          "10000",
          0,
          Integer.MAX_VALUE,
          "A consuming service is ready once it has joined its consumer group and no assigned"
              + " partition is more than this many records behind.");
  public static final ConfigKey<Boolean> STATSD_ENABLED =
      ConfigKey.bool(
          "admin.statsd.enabled",
          "false",
          "Also send the self-metrics as StatsD (Etsy flavour) named mosaic.<service>.<metric>,"
              + " so that mosaic's own checks can alert on mosaic.");
  public static final ConfigKey<String> STATSD_HOST =
      ConfigKey.string(
          "admin.statsd.host",
          "127.0.0.1",
          "Where the self-metrics StatsD goes: usually a collector.");
  public static final ConfigKey<Integer> STATSD_PORT =
      ConfigKey.port("admin.statsd.port", "8125", "UDP port of admin.statsd.host.");
  public static final ConfigKey<Duration> STATSD_STEP =
      ConfigKey.duration(
          "admin.statsd.step",
          "10s",
          "How often gauges and Kafka client metrics are polled and sent as StatsD.");

  public static final List<ConfigKey<?>> ALL =
      List.of(
          ENABLED,
          BIND,
          PORT,
          READY_MAX_LAG,
          STATSD_ENABLED,
          STATSD_HOST,
          STATSD_PORT,
          STATSD_STEP);
}
