package dev.mosaic.collector;

import dev.mosaic.contract.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/** The {@code collector.*} configuration keys. */
public final class CollectorKeys {
  private CollectorKeys() {}

  public static final ConfigKey<Integer> STATSD_PORT =
      ConfigKey.port(
          "collector.statsd.port",
          "8125",
          "UDP port of the StatsD listener, and of its TCP listener; 0 lets the OS choose.");
  public static final ConfigKey<String> STATSD_BIND =
      ConfigKey.string(
          "collector.statsd.bind",
          "127.0.0.1",
          "Address every listener (StatsD UDP and TCP, logs) binds to; 0.0.0.0 accepts other"
              + " hosts.");
  public static final ConfigKey<Long> STATSD_RECEIVE_BUFFER =
      ConfigKey.dataSize(
          "collector.statsd.receive-buffer",
          "8MiB",
          "Kernel receive buffer (SO_RCVBUF) asked for the UDP socket: what absorbs bursts; Linux"
              + " caps it at net.core.rmem_max.");
  public static final ConfigKey<Long> STATSD_MAX_PACKET_SIZE =
      ConfigKey.dataSize(
          "collector.statsd.max-packet-size",
          "64KiB",
          "Read buffer per datagram, 512B to 64KiB; the default exceeds the largest UDP payload, so"
              + " nothing is cut.");
  public static final ConfigKey<Integer> STATSD_RECEIVE_THREADS =
      ConfigKey.integer(
          "collector.statsd.receive-threads",
          "0",
          0,
          64,
          "UDP sockets sharing the StatsD port through SO_REUSEPORT, each read by its own thread"
              + " (native epoll only; Java NIO always uses 1). 0: one per available processor, at"
              + " most 4.");
  public static final ConfigKey<Boolean> STATSD_TCP =
      ConfigKey.bool(
          "collector.statsd.tcp",
          "true",
          "Also accept StatsD over TCP, newline-delimited, on the UDP listener's port number.");
  public static final ConfigKey<Long> STATSD_MAX_LINE_SIZE =
      ConfigKey.dataSize(
          "collector.statsd.max-line-size",
          "64KiB",
          "Longest StatsD line over TCP, 16B to 1MiB; a longer one is skipped and counted as"
              + " too_long.");
  public static final ConfigKey<String> STATSD_TAGS =
      ConfigKey.string(
          "collector.statsd.tags",
          "graphite",
          "DogStatsD tags (|#k:v): graphite folds them into the name as name;k=v (sorted by key),"
              + " drop drops them and counts ignored_tags.");
  public static final ConfigKey<Boolean> LOGS_ENABLED =
      ConfigKey.bool(
          "collector.logs.enabled",
          "true",
          "Run the TCP listener for log lines carrying l2met metrics (measure#, count#, ...).");
  public static final ConfigKey<Integer> LOGS_PORT =
      ConfigKey.port(
          "collector.logs.port",
          "5514",
          "TCP port of the log-line listener, one log line per line break; 0 lets the OS choose.");
  public static final ConfigKey<Long> LOGS_MAX_LINE_SIZE =
      ConfigKey.dataSize(
          "collector.logs.max-line-size",
          "64KiB",
          "Longest log line, 16B to 1MiB; a longer one is skipped and counted as too_long.");
  public static final ConfigKey<Boolean> DRAIN_ENABLED =
      ConfigKey.bool(
          "collector.drain.enabled",
          "false",
          "Run the HTTP log drain: POST /logs with octet-counted syslog frames (Heroku Logplex).");
  public static final ConfigKey<Integer> DRAIN_PORT =
      ConfigKey.port(
          "collector.drain.port", "5580", "TCP port of the HTTP log drain; 0 lets the OS choose.");
  public static final ConfigKey<Long> DRAIN_MAX_BODY_SIZE =
      ConfigKey.dataSize(
          "collector.drain.max-body-size",
          "1MiB",
          "Largest drain request body, 1KiB to 64MiB; a larger one is answered 413 and counted as"
              + " too_long.");
  public static final ConfigKey<String> DRAIN_USERNAME =
      ConfigKey.string(
          "collector.drain.username",
          "",
          "User name the drain requires (HTTP basic auth); empty, with an empty password: none.");
  public static final ConfigKey<String> DRAIN_PASSWORD =
      ConfigKey.string(
          "collector.drain.password",
          "",
          "Password the drain requires (HTTP basic auth); set it together with the user name.");
  public static final ConfigKey<Duration> TCP_IDLE_TIMEOUT =
      ConfigKey.duration(
          "collector.tcp.idle-timeout",
          "5m",
          "A TCP connection (StatsD, logs or drain) that sends nothing for this long is closed.");
  public static final ConfigKey<Integer> TCP_MAX_CONNECTIONS =
      ConfigKey.integer(
          "collector.tcp.max-connections",
          "1000",
          1,
          100_000,
          "Open connections per TCP listener; one more is closed as soon as it is accepted.");
  public static final ConfigKey<Integer> MAX_SERIES =
      ConfigKey.integer(
          "collector.max-series",
          "100000",
          1,
          100_000_000,
          "Distinct metric names this collector forwards; samples of new names beyond it are"
              + " dropped and counted, known names keep flowing.");
  public static final ConfigKey<Duration> PUBLISH_LINGER =
      ConfigKey.duration(
          "collector.publish.linger",
          "50ms",
          "Longest time a partition's batch waits for more samples before it is sent; at most 1m.");
  public static final ConfigKey<Integer> PUBLISH_MAX_BATCH_SAMPLES =
      ConfigKey.integer(
          "collector.publish.max-batch-samples",
          "10000",
          1,
          100_000,
          "Samples per Kafka record: a partition's batch is sent as soon as it holds this many.");

  public static final ConfigKey<Duration> PUBLISH_HEARTBEAT_INTERVAL =
      ConfigKey.durationOrZero(
          "collector.publish.heartbeat-interval",
          "250ms",
          "A partition this collector sent no batch for this long gets an empty batch stamped"
              + " now - linger, so that aggregators close idle intervals by watermark, not after"
              + " their grace; 10ms to 1m, 0 switches it off.");

  public static final List<ConfigKey<?>> ALL =
      List.of(
          STATSD_PORT,
          STATSD_BIND,
          STATSD_RECEIVE_BUFFER,
          STATSD_MAX_PACKET_SIZE,
          STATSD_RECEIVE_THREADS,
          STATSD_TCP,
          STATSD_MAX_LINE_SIZE,
          STATSD_TAGS,
          LOGS_ENABLED,
          LOGS_PORT,
          LOGS_MAX_LINE_SIZE,
          DRAIN_ENABLED,
          DRAIN_PORT,
          DRAIN_MAX_BODY_SIZE,
          DRAIN_USERNAME,
          DRAIN_PASSWORD,
          TCP_IDLE_TIMEOUT,
          TCP_MAX_CONNECTIONS,
          MAX_SERIES,
          PUBLISH_LINGER,
          PUBLISH_MAX_BATCH_SAMPLES,
          PUBLISH_HEARTBEAT_INTERVAL);
}
