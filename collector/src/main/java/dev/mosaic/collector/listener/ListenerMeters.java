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

  private ListenerMeters(MeterRegistry registry, String listener) {
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
    return new ListenerMeters(registry, listener);
  }

  Counter badLines(BadLineReason reason) {
    return badLines.get(reason);
  }
}
