/**
 * Helpers the collector's stages share; not part of its API.
 *
 * <pre>
 * listener, publish → LogThrottle → SLF4J
 * </pre>
 */
package dev.mosaic.collector.internal;
