/**
 * Stage 3 of mosaic: the storage bridge reads interval aggregates from Kafka and writes them to
 * Graphite's carbon, in plaintext or pickle, to one destination or several.
 *
 * <pre>
 * &lt;prefix&gt;aggregates → KafkaConsumer (one per destination) → route → PointFilter
 *     → CarbonDelivery → CarbonPlaintextSender | CarbonPickleSender → carbon → commitSync
 * </pre>
 *
 * <p>Guarantee: at least once, per destination. Offsets are committed only after the points of the
 * polled records were flushed to the destination's socket; a resend after a failure may write a
 * point twice, which Graphite absorbs because it keeps one value per series and timestamp. Carbon's
 * protocol has no acknowledgement, so points flushed into a connection carbon is dropping at that
 * instant can still be lost. Entry points: {@link dev.mosaic.storagebridge.StorageBridge} and
 * {@link dev.mosaic.storagebridge.StorageBridgeService}.
 */
package dev.mosaic.storagebridge;
