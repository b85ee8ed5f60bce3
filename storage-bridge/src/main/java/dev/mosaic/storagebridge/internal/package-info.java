/**
 * The storage bridge's machinery, not for use outside this module: the consumer loop, delivery with
 * reconnect and backoff, the point filter and the self-metrics.
 *
 * <pre>
 * AggregateForwarder (poll, pause while carbon is away, commit) → PointFilter → CarbonDelivery
 * </pre>
 */
package dev.mosaic.storagebridge.internal;
