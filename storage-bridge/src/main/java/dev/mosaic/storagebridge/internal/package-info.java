/**
 * The storage bridge's machinery, not for use outside this module: the consumer loop, delivery with
 * reconnect and backoff, the point filter and the self-metrics, one set per carbon destination.
 *
 * <pre>
 * AggregateForwarder (poll, pause while carbon is away, commit) → route → PointFilter
 *     → CarbonDelivery
 * </pre>
 */
package dev.mosaic.storagebridge.internal;
