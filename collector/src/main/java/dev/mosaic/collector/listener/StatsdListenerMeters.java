package dev.mosaic.collector.listener;

import dev.mosaic.collector.statsd.BadLineReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The StatsD listener's self-metrics, all named {@code mosaic.collector.statsd.*} or {@code
 * mosaic.collector.samples.received}.
 *
 * <pre>
 * StatsdDatagramHandler → StatsdListenerMeters → ServiceContext.meters()
 * </pre>
 */
public final class StatsdListenerMeters {
  final Counter packets;
  final Counter bytes;
  final Counter lines;
  final Counter samples;
  final Counter ignoredTags;
  final Counter errors;
  private final Map<BadLineReason, Counter> badLines = new EnumMap<>(BadLineReason.class);

  private StatsdListenerMeters(MeterRegistry registry) {
    packets = registry.counter("mosaic.collector.statsd.packets");
    bytes = registry.counter("mosaic.collector.statsd.bytes");
    lines = registry.counter("mosaic.collector.statsd.lines");
    samples = registry.counter("mosaic.collector.samples.received");
    ignoredTags = registry.counter("mosaic.collector.statsd.ignored_tags");
    errors = registry.counter("mosaic.collector.statsd.errors");
    for (BadLineReason reason : BadLineReason.values()) {
      badLines.put(
          reason, registry.counter("mosaic.collector.statsd.bad_lines", "reason", reason.tag()));
    }
  }

  /** Registers every counter now, so each shows 0 before the first event. */
  public static StatsdListenerMeters register(MeterRegistry registry) {
    return new StatsdListenerMeters(registry);
  }

  Counter badLines(BadLineReason reason) {
    return badLines.get(reason);
  }
}
