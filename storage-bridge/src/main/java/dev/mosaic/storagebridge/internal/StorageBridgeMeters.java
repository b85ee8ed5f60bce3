package dev.mosaic.storagebridge.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One destination's self-metrics, all named {@code mosaic.storage-bridge.*} and tagged {@code
 * destination=host:port[:instance]}.
 *
 * <pre>
 * StorageBridgeService → StorageBridgeMeters (one per destination) → ServiceContext.meters()
 * </pre>
 *
 * <p>Each destination reads the aggregates topic on its own, so it also counts on its own the bad
 * input it skips.
 *
 * @param pointsWritten points in batches carbon's socket accepted and flushed
 * @param bytesWritten bytes of those batches
 * @param reconnects connections opened after the first one
 * @param connectErrors connect attempts that failed
 * @param writeErrors writes or flushes that failed
 * @param replayedPoints points written again after a failed attempt (also in {@code pointsWritten})
 * @param invalidNames points skipped because carbon would split or misfile their name
 * @param nonFiniteValues points skipped because their value was NaN or infinite
 * @param badRecords Kafka records skipped because they could not be decoded
 * @param commitErrors offset commits that failed (the records are then read again: duplicates)
 * @param lagRecords aggregate records not yet written, as of the last poll (a gauge's value)
 */
public record StorageBridgeMeters(
    Counter pointsWritten,
    Counter bytesWritten,
    Counter reconnects,
    Counter connectErrors,
    Counter writeErrors,
    Counter replayedPoints,
    Counter invalidNames,
    Counter nonFiniteValues,
    Counter badRecords,
    Counter commitErrors,
    AtomicLong lagRecords) {

  public static StorageBridgeMeters register(MeterRegistry registry, String destination) {
    Tags tags = Tags.of("destination", destination);
    AtomicLong lag = new AtomicLong();
    Gauge.builder("mosaic.storage-bridge.lag.records", lag, AtomicLong::get)
        .tags(tags)
        .description("aggregate records not yet written to this destination, as of the last poll")
        .register(registry);
    return new StorageBridgeMeters(
        registry.counter("mosaic.storage-bridge.points.written", tags),
        registry.counter("mosaic.storage-bridge.bytes.written", tags),
        registry.counter("mosaic.storage-bridge.reconnects", tags),
        registry.counter("mosaic.storage-bridge.connect.errors", tags),
        registry.counter("mosaic.storage-bridge.write.errors", tags),
        registry.counter("mosaic.storage-bridge.points.replayed", tags),
        registry.counter("mosaic.storage-bridge.invalid_names", tags),
        registry.counter("mosaic.storage-bridge.non_finite_values", tags),
        registry.counter("mosaic.storage-bridge.bad_records", tags),
        registry.counter("mosaic.storage-bridge.commit.errors", tags),
        lag);
  }
}
