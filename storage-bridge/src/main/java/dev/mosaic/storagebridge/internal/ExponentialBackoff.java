package dev.mosaic.storagebridge.internal;

import java.time.Duration;

/**
 * Waits that double after each failure, up to a cap, and start over after a success.
 *
 * <pre>
 * CarbonDelivery (connect or write failed) → ExponentialBackoff.next() → wait
 * </pre>
 *
 * <p>No jitter: the few bridges of one consumer group reconnecting to carbon are not a herd.
 */
public final class ExponentialBackoff {
  private final Duration initial;
  private final Duration max;
  private Duration next;

  /**
   * @param initial the first wait, positive
   * @param max the longest wait, at least {@code initial}
   */
  public ExponentialBackoff(Duration initial, Duration max) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
    }
    this.initial = initial;
    this.max = max;
    this.next = initial;
  }

  /** The wait before the next attempt; each call doubles the one after, up to the cap. */
  public Duration next() {
    Duration current = next;
    next = current.compareTo(max.dividedBy(2)) > 0 ? max : current.multipliedBy(2);
    return current;
  }

  /** After a success: the next failure waits the initial time again. */
  public void reset() {
    next = initial;
  }
}
