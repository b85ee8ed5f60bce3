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
          "UDP port of the StatsD listener; 0 lets the OS choose.");
  public static final ConfigKey<String> STATSD_BIND =
      ConfigKey.string(
          "collector.statsd.bind",
          "127.0.0.1",
          "Address the StatsD listener binds to; 0.0.0.0 accepts datagrams from other hosts.");
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
  public static final ConfigKey<Duration> PUBLISH_LINGER =
      ConfigKey.duration(
          "collector.publish.linger",
          "5ms",
          "Longest time a partition's batch waits for more samples before it is sent; at most 1m.");
  public static final ConfigKey<Integer> PUBLISH_MAX_BATCH_SAMPLES =
      ConfigKey.integer(
          "collector.publish.max-batch-samples",
          "2000",
          1,
          100_000,
          "Samples per Kafka record: a partition's batch is sent as soon as it holds this many.");

  public static final List<ConfigKey<?>> ALL =
      List.of(
          STATSD_PORT,
          STATSD_BIND,
          STATSD_RECEIVE_BUFFER,
          STATSD_MAX_PACKET_SIZE,
          PUBLISH_LINGER,
          PUBLISH_MAX_BATCH_SAMPLES);
}
