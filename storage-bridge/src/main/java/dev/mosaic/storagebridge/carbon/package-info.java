/**
 * Graphite's wire side: which names and values carbon can take, how they are written, the {@link
 * dev.mosaic.storagebridge.carbon.CarbonSender} seam that carries them, and which destination a
 * metric belongs to.
 *
 * <pre>
 * AggregatePoint → ConsistentHashRing (which destination) → GraphiteNames / GraphiteValueFormat
 *     → CarbonPlaintextFormat | CarbonPickleFormat → CarbonPlaintextSender | CarbonPickleSender
 *     → carbon
 * </pre>
 *
 * <p>Nothing here knows Kafka.
 */
package dev.mosaic.storagebridge.carbon;
