package dev.mosaic.collector.listener;

import dev.mosaic.collector.statsd.BadLineReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * One listener's self-metrics, named {@code mosaic.collector.<listener>.*}; every listener also
 * adds to the collector-wide {@code mosaic.collector.samples.received}.
 *
 * <pre>
 * handlers → ListenerSink → ListenerMeters → ServiceContext.meters()
 * </pre>
 */
public final class ListenerMeters {
  final Counter packets;
  final Counter bytes;
  final Counter lines;
  final Counter samples;
  final Counter ignoredTags;
  final Counter droppedForCardinality;
  final Counter errors;
  final Counter rejectedConnections;
  final Counter idleClosed;
  private final Map<BadLineReason, Counter> badLines = new EnumMap<>(BadLineReason.class);

  /** Null for the listeners that are not StatsD (logs, drain). */
  private final StatsdCounters statsd;

  private ListenerMeters(MeterRegistry registry, String listener, StatsdCounters statsd) {
    this.statsd = statsd;
    String prefix = "mosaic.collector." + listener + ".";
    packets = registry.counter(prefix + "packets");
    bytes = registry.counter(prefix + "bytes");
    lines = registry.counter(prefix + "lines");
    samples = registry.counter("mosaic.collector.samples.received");
    ignoredTags = registry.counter(prefix + "ignored_tags");
    droppedForCardinality = registry.counter(prefix + "dropped_cardinality");
    errors = registry.counter(prefix + "errors");
    rejectedConnections = registry.counter(prefix + "rejected_connections");
    idleClosed = registry.counter(prefix + "idle_closed");
    for (BadLineReason reason : BadLineReason.values()) {
      badLines.put(reason, registry.counter(prefix + "bad_lines", "reason", reason.tag()));
    }
  }

  /**
   * Registers every counter now, so each shows 0 before the first event.
   *
   * @param listener the middle of every name: {@code statsd} (UDP), {@code statsd_tcp}, {@code
   *     logs}, {@code drain}
   */
  public static ListenerMeters register(MeterRegistry registry, String listener) {
    return new ListenerMeters(registry, listener, null);
  }

  /**
   * As {@link #register(MeterRegistry, String)}, for a StatsD listener whose packets, lines and bad
   * lines also count into Etsy's own counters {@code statsd}, which the UDP and TCP listeners
   * share.
   */
  public static ListenerMeters register(
      MeterRegistry registry, String listener, StatsdCounters statsd) {
    return new ListenerMeters(registry, listener, statsd);
  }

  Counter badLines(BadLineReason reason) {
    return badLines.get(reason);
  }

  /**
   * A datagram or stream read of {@code bytes}; {@code etsyPacket} is false for a TCP read without
   * a line break.
   */
  void packet(int bytes, boolean etsyPacket) {
    packets.increment();
    this.bytes.increment(bytes);
    if (statsd != null && etsyPacket) {
      statsd.packet();
    }
  }

  /**
   * {@code count} datagrams of {@code bytes} in all, each an Etsy packet: a receive thread's tally
   * of one read.
   */
  void datagrams(long count, long bytes) {
    packets.increment(count);
    this.bytes.increment(bytes);
    if (statsd != null) {
      statsd.packets(count);
    }
  }

  /** Non-empty lines read, good or bad. */
  void lines(long count) {
    lines.increment(count);
    if (statsd != null) {
      statsd.metrics(count);
    }
  }

  void badLine(BadLineReason reason) {
    badLines.get(reason).increment();
    if (statsd != null) {
      statsd.badLine();
    }
  }

  /** Whether this listener counts into Etsy's {@code statsd.*} counters. */
  boolean countsStatsdPackets() {
    return statsd != null;
  }
}
