package dev.mosaic.collector;

import static dev.mosaic.collector.CollectorKeys.PUBLISH_LINGER;
import static dev.mosaic.collector.CollectorKeys.PUBLISH_MAX_BATCH_SAMPLES;
import static dev.mosaic.collector.CollectorKeys.STATSD_BIND;
import static dev.mosaic.collector.CollectorKeys.STATSD_MAX_PACKET_SIZE;
import static dev.mosaic.collector.CollectorKeys.STATSD_PORT;
import static dev.mosaic.collector.CollectorKeys.STATSD_RECEIVE_BUFFER;

import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.MosaicConfig;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The collector's validated configuration; see {@link CollectorKeys} for each value.
 *
 * @param statsdAddress resolved bind address and port (0: any free port)
 * @param receiveBufferBytes requested SO_RCVBUF, 1 to {@link Integer#MAX_VALUE}
 * @param maxPacketBytes read buffer per datagram, {@value #MIN_PACKET_BYTES} to {@value
 *     #MAX_PACKET_BYTES}
 * @param linger 1 ms to {@link #MAX_LINGER}
 * @param maxBatchSamples 1 to 100 000
 */
record CollectorSettings(
    InetSocketAddress statsdAddress,
    int receiveBufferBytes,
    int maxPacketBytes,
    Duration linger,
    int maxBatchSamples) {
  static final int MIN_PACKET_BYTES = 512;
  // 64 KiB: above the largest UDP payload (65 507 bytes over IPv4, 65 527 over IPv6).
  static final int MAX_PACKET_BYTES = 64 * 1024;
  static final Duration MAX_LINGER = Duration.ofMinutes(1);

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
    Duration linger = config.get(PUBLISH_LINGER);
    if (linger.compareTo(MAX_LINGER) > 0) {
      throw wrong(
          config,
          PUBLISH_LINGER,
          linger.toMillis() + " ms is longer than 1m; samples would reach aggregators late");
    }
    return new CollectorSettings(
        address,
        (int) receiveBuffer,
        (int) maxPacket,
        linger,
        config.get(PUBLISH_MAX_BATCH_SAMPLES));
  }

  private static ConfigException wrong(MosaicConfig config, ConfigKey<?> key, String problem) {
    return new ConfigException(config.sourceOf(key) + ": " + key.name() + ": " + problem);
  }
}
