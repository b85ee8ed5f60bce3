/**
 * Check files: YAML parsed into validated {@link dev.mosaic.stateengine.check.Check}s, Graphite
 * patterns, thresholds with hysteresis, and the polled directory that keeps the last good set.
 */
package dev.mosaic.stateengine.check;
