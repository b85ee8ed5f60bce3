package dev.mosaic.collector;

import static dev.mosaic.collector.CollectorKeys.DRAIN_ENABLED;
import static dev.mosaic.collector.CollectorKeys.DRAIN_MAX_BODY_SIZE;
import static dev.mosaic.collector.CollectorKeys.DRAIN_PASSWORD;
import static dev.mosaic.collector.CollectorKeys.DRAIN_PORT;
import static dev.mosaic.collector.CollectorKeys.DRAIN_USERNAME;
import static dev.mosaic.collector.CollectorKeys.LOGS_ENABLED;
import static dev.mosaic.collector.CollectorKeys.LOGS_MAX_LINE_SIZE;
import static dev.mosaic.collector.CollectorKeys.LOGS_PORT;
import static dev.mosaic.collector.CollectorKeys.MAX_SERIES;
import static dev.mosaic.collector.CollectorKeys.PUBLISH_HEARTBEAT_INTERVAL;
import static dev.mosaic.collector.CollectorKeys.PUBLISH_LINGER;
import static dev.mosaic.collector.CollectorKeys.PUBLISH_MAX_BATCH_SAMPLES;
import static dev.mosaic.collector.CollectorKeys.STATSD_BIND;
import static dev.mosaic.collector.CollectorKeys.STATSD_MAX_LINE_SIZE;
import static dev.mosaic.collector.CollectorKeys.STATSD_MAX_PACKET_SIZE;
import static dev.mosaic.collector.CollectorKeys.STATSD_PORT;
import static dev.mosaic.collector.CollectorKeys.STATSD_RECEIVE_BUFFER;
import static dev.mosaic.collector.CollectorKeys.STATSD_RECEIVE_THREADS;
import static dev.mosaic.collector.CollectorKeys.STATSD_TAGS;
import static dev.mosaic.collector.CollectorKeys.STATSD_TCP;
import static dev.mosaic.collector.CollectorKeys.TCP_IDLE_TIMEOUT;
import static dev.mosaic.collector.CollectorKeys.TCP_MAX_CONNECTIONS;

import dev.mosaic.collector.listener.TcpLimits;
import dev.mosaic.collector.statsd.DogStatsdTagMode;
import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.MosaicConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The collector's validated configuration; see {@link CollectorKeys} for each value.
 *
 * @param statsdAddress resolved bind address and port (0: any free port)
 * @param receiveBufferBytes requested SO_RCVBUF, 1 to {@link Integer#MAX_VALUE}
 * @param maxPacketBytes read buffer per datagram, {@value #MIN_PACKET_BYTES} to {@value
 *     #MAX_PACKET_BYTES}
 * @param receiveThreads UDP sockets (and threads) on the StatsD port, at least 1
 * @param statsdTcp limits of StatsD over TCP on the UDP port number; empty when switched off
 * @param statsdTags what StatsD over UDP and TCP do with DogStatsD tags
 * @param logsAddress where the log-line listener binds; empty when switched off
 * @param logsTcp limits of the log-line listener
 * @param drain the HTTP log drain; empty when switched off
 * @param maxSeries distinct names forwarded, at least 1
 * @param linger 1 ms to {@link #MAX_LINGER}
 * @param maxBatchSamples 1 to 100 000
 * @param heartbeatInterval {@link #MIN_HEARTBEAT_INTERVAL} to {@link #MAX_HEARTBEAT_INTERVAL}, or
 *     zero: no heartbeats
 */
record CollectorSettings(
    InetSocketAddress statsdAddress,
    int receiveBufferBytes,
    int maxPacketBytes,
    int receiveThreads,
    Optional<TcpLimits> statsdTcp,
    DogStatsdTagMode statsdTags,
    Optional<InetSocketAddress> logsAddress,
    TcpLimits logsTcp,
    Optional<Drain> drain,
    int maxSeries,
    Duration linger,
    int maxBatchSamples,
    Duration heartbeatInterval) {
  static final int MIN_PACKET_BYTES = 512;
  // 64 KiB: above the largest UDP payload (65 507 bytes over IPv4, 65 527 over IPv6).
  static final int MAX_PACKET_BYTES = 64 * 1024;
  static final int MIN_LINE_BYTES = 16;
  static final int MAX_LINE_BYTES = 1024 * 1024;
  static final Duration MAX_LINGER = Duration.ofMinutes(1);

  /** Below this, heartbeats (one record per idle partition each time) would cost more than help. */
  static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofMillis(10);

  static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofMinutes(1);

  /** The most receive threads {@code collector.statsd.receive-threads = 0} chooses. */
  static final int MAX_AUTO_RECEIVE_THREADS = 4;

  static final long MIN_BODY_BYTES = 1024;
  static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

  /**
   * @param address where the drain binds
   * @param limits connections and idle timeout (the line limit is unused: bodies have their own)
   * @param maxBodyBytes {@value #MIN_BODY_BYTES} to 64 MiB
   * @param authorization the exact {@code Authorization} header required; empty: none
   */
  record Drain(
      InetSocketAddress address,
      TcpLimits limits,
      int maxBodyBytes,
      Optional<String> authorization) {}

  static CollectorSettings from(MosaicConfig config) throws ConfigException {
    String bind = config.get(STATSD_BIND).trim();
    if (bind.isEmpty()) {
      throw wrong(config, STATSD_BIND, "is empty; name an address such as 127.0.0.1 or 0.0.0.0");
    }
    InetSocketAddress address = new InetSocketAddress(bind, config.get(STATSD_PORT));
    if (address.isUnresolved()) {
      throw wrong(config, STATSD_BIND, "'" + bind + "' does not resolve to an address");
    }
    long receiveBuffer = config.get(STATSD_RECEIVE_BUFFER);
    if (receiveBuffer < 1 || receiveBuffer > Integer.MAX_VALUE) {
      throw wrong(config, STATSD_RECEIVE_BUFFER, receiveBuffer + " bytes is not 1B to 2GiB-1");
    }
    long maxPacket = config.get(STATSD_MAX_PACKET_SIZE);
    if (maxPacket < MIN_PACKET_BYTES || maxPacket > MAX_PACKET_BYTES) {
      throw wrong(
          config,
          STATSD_MAX_PACKET_SIZE,
          maxPacket
              + " bytes is not "
              + MIN_PACKET_BYTES
              + "B to 64KiB (no UDP datagram is larger than 64KiB)");
    }
    Duration idle = config.get(TCP_IDLE_TIMEOUT);
    int maxConnections = config.get(TCP_MAX_CONNECTIONS);
    TcpLimits statsdTcp =
        new TcpLimits(lineBytes(config, STATSD_MAX_LINE_SIZE), idle, maxConnections);
    TcpLimits logsTcp = new TcpLimits(lineBytes(config, LOGS_MAX_LINE_SIZE), idle, maxConnections);
    InetSocketAddress logsAddress =
        new InetSocketAddress(address.getAddress(), config.get(LOGS_PORT));
    if (config.get(STATSD_TCP)
        && config.get(LOGS_ENABLED)
        && logsAddress.getPort() != 0
        && logsAddress.getPort() == address.getPort()) {
      throw wrong(
          config,
          LOGS_PORT,
          logsAddress.getPort() + " is also the StatsD port, which StatsD over TCP uses");
    }
    Optional<Drain> drain =
        config.get(DRAIN_ENABLED)
            ? Optional.of(drain(config, address, new TcpLimits(0, idle, maxConnections)))
            : Optional.empty();
    Duration linger = config.get(PUBLISH_LINGER);
    if (linger.compareTo(MAX_LINGER) > 0) {
      throw wrong(
          config,
          PUBLISH_LINGER,
          linger.toMillis() + " ms is longer than 1m; samples would reach aggregators late");
    }
    Duration heartbeat = config.get(PUBLISH_HEARTBEAT_INTERVAL);
    if (!heartbeat.isZero()
        && (heartbeat.compareTo(MIN_HEARTBEAT_INTERVAL) < 0
            || heartbeat.compareTo(MAX_HEARTBEAT_INTERVAL) > 0)) {
      throw wrong(
          config,
          PUBLISH_HEARTBEAT_INTERVAL,
          heartbeat.toMillis() + " ms is not 10ms to 1m (or 0, which switches heartbeats off)");
    }
    return new CollectorSettings(
        address,
        (int) receiveBuffer,
        (int) maxPacket,
        receiveThreads(config.get(STATSD_RECEIVE_THREADS)),
        config.get(STATSD_TCP) ? Optional.of(statsdTcp) : Optional.empty(),
        tagMode(config),
        config.get(LOGS_ENABLED) ? Optional.of(logsAddress) : Optional.empty(),
        logsTcp,
        drain,
        config.get(MAX_SERIES),
        linger,
        config.get(PUBLISH_MAX_BATCH_SAMPLES),
        heartbeat);
  }

  private static Drain drain(MosaicConfig config, InetSocketAddress bind, TcpLimits limits)
      throws ConfigException {
    long maxBody = config.get(DRAIN_MAX_BODY_SIZE);
    if (maxBody < MIN_BODY_BYTES || maxBody > MAX_BODY_BYTES) {
      throw wrong(config, DRAIN_MAX_BODY_SIZE, maxBody + " bytes is not 1KiB to 64MiB");
    }
    String user = config.get(DRAIN_USERNAME);
    String password = config.get(DRAIN_PASSWORD);
    if (user.indexOf(':') >= 0) {
      throw wrong(config, DRAIN_USERNAME, "contains ':', which HTTP basic auth cannot carry");
    }
    if (user.isEmpty() != password.isEmpty()) {
      ConfigKey<String> set = user.isEmpty() ? DRAIN_PASSWORD : DRAIN_USERNAME;
      ConfigKey<String> missing = user.isEmpty() ? DRAIN_USERNAME : DRAIN_PASSWORD;
      throw wrong(config, set, "is set but " + missing.name() + " is empty; set both or neither");
    }
    Optional<String> authorization =
        user.isEmpty()
            ? Optional.empty()
            : Optional.of(
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    return new Drain(
        new InetSocketAddress(bind.getAddress(), config.get(DRAIN_PORT)),
        limits,
        (int) maxBody,
        authorization);
  }

  /** 0 means one per available processor, at most {@value #MAX_AUTO_RECEIVE_THREADS}. */
  static int receiveThreads(int configured) {
    return configured > 0
        ? configured
        : Math.min(MAX_AUTO_RECEIVE_THREADS, Runtime.getRuntime().availableProcessors());
  }

  private static DogStatsdTagMode tagMode(MosaicConfig config) throws ConfigException {
    String mode = config.get(STATSD_TAGS).trim();
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "graphite" -> DogStatsdTagMode.GRAPHITE;
      case "drop" -> DogStatsdTagMode.DROP;
      default -> throw wrong(config, STATSD_TAGS, "'" + mode + "' is neither graphite nor drop");
    };
  }

  private static int lineBytes(MosaicConfig config, ConfigKey<Long> key) throws ConfigException {
    long bytes = config.get(key);
    if (bytes < MIN_LINE_BYTES || bytes > MAX_LINE_BYTES) {
      throw wrong(config, key, bytes + " bytes is not " + MIN_LINE_BYTES + "B to 1MiB");
    }
    return (int) bytes;
  }

  private static ConfigException wrong(MosaicConfig config, ConfigKey<?> key, String problem) {
    return new ConfigException(config.sourceOf(key) + ": " + key.name() + ": " + problem);
  }
}
