package dev.mosaic.storagebridge.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The storage bridge's self-metrics, all named {@code mosaic.storage-bridge.*}.
 *
 * <pre>
 * StorageBridgeService → StorageBridgeMeters → ServiceContext.meters()
 * </pre>
 *
 * @param pointsWritten points in batches carbon's socket accepted and flushed
 * @param bytesWritten bytes of those batches
 * @param reconnects connections opened after the first one
 * @param connectErrors connect attempts that failed
 * @param writeErrors writes or flushes that failed
 * @param invalidNames points skipped because carbon would split or misfile their name
 * @param nonFiniteValues points skipped because their value was NaN or infinite
 * @param badRecords Kafka records skipped because they could not be decoded
 * @param commitErrors offset commits that failed (the records are then read again: duplicates)
 */
public record StorageBridgeMeters(
    Counter pointsWritten,
    Counter bytesWritten,
    Counter reconnects,
    Counter connectErrors,
    Counter writeErrors,
    Counter invalidNames,
    Counter nonFiniteValues,
    Counter badRecords,
    Counter commitErrors) {

  public static StorageBridgeMeters register(MeterRegistry registry) {
    return new StorageBridgeMeters(
        registry.counter("mosaic.storage-bridge.points.written"),
        registry.counter("mosaic.storage-bridge.bytes.written"),
        registry.counter("mosaic.storage-bridge.reconnects"),
        registry.counter("mosaic.storage-bridge.connect.errors"),
        registry.counter("mosaic.storage-bridge.write.errors"),
        registry.counter("mosaic.storage-bridge.invalid_names"),
        registry.counter("mosaic.storage-bridge.non_finite_values"),
        registry.counter("mosaic.storage-bridge.bad_records"),
        registry.counter("mosaic.storage-bridge.commit.errors"));
  }
}
