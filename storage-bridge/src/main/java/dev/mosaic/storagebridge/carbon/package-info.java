/**
 * Graphite's wire side: which names and values carbon can take, how they are written, and the
 * {@link dev.mosaic.storagebridge.carbon.CarbonSender} seam that carries them.
 *
 * <pre>
 * AggregatePoint → GraphiteNames / GraphiteValueFormat → CarbonPlaintextFormat
 *     → CarbonPlaintextSender → carbon
 * </pre>
 *
 * <p>Nothing here knows Kafka; the pickle protocol and further destinations belong here next.
 */
package dev.mosaic.storagebridge.carbon;
