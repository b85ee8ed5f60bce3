package dev.mosaic.notifier.webhook;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The wait before each retry: {@code initial × 2^(retry-1)}, capped at {@code max}, of which a
 * random half is dropped ("equal jitter") so that notifiers retrying one receiver spread out.
 *
 * <pre>
 * DeliveryAttempts → failed attempt n → Backoff.delayBefore(n + 1) → wait → attempt n + 1
 * </pre>
 *
 * @param initial the base wait before the first retry; positive
 * @param max the most any base wait grows to; at least {@code initial}
 * @param jitter values in [0, 1); {@code Math::random} in service, fixed in tests
 */
public record Backoff(Duration initial, Duration max, DoubleSupplier jitter) {
  public Backoff {
    Objects.requireNonNull(jitter);
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
    }
  }

  /**
   * @param attempt the attempt about to be made, 2 for the first retry
   * @return between half of the base wait and the base wait
   */
  public Duration delayBefore(int attempt) {
    int doublings = Math.min(Math.max(attempt - 2, 0), 40);
    long maxMillis = max.toMillis();
    long base = initial.toMillis();
    for (int i = 0; i < doublings && base < maxMillis; i++) {
      base *= 2;
    }
    base = Math.min(base, maxMillis);
    long half = base / 2;
    return Duration.ofMillis(base - half + (long) (half * jitter.getAsDouble()));
  }
}
