package dev.mosaic.notifier.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket per receiver: up to {@code count} notifications at once, then one more every
 * {@code per / count}. Kept as the bucket's "theoretical arrival time" (the generic cell rate
 * algorithm), one instant per receiver. In memory only: after a restart every receiver starts with
 * a full bucket. Not thread-safe: the consumer loop owns it.
 *
 * <pre>
 * IncidentDispatcher → reserve(receiver, limit, now) → empty: send now | Instant: not before then
 * </pre>
 */
public final class ReceiverRateLimiter {
  private final Map<String, Instant> arrival = new HashMap<>();

  /**
   * @return when the receiver has a token: {@code now} or later; nothing is taken
   */
  public Instant availableAt(String receiver, RateLimit limit, Instant now) {
    Instant allowedAt = arrival(receiver, now).minus(burst(limit));
    return allowedAt.isAfter(now) ? allowedAt : now;
  }

  /**
   * Takes a token for the receiver if it has one.
   *
   * @return empty if a token was taken and the notification may go now; otherwise the instant the
   *     next token comes (nothing is taken)
   */
  public Optional<Instant> reserve(String receiver, RateLimit limit, Instant now) {
    Instant at = availableAt(receiver, limit, now);
    if (at.isAfter(now)) {
      return Optional.of(at);
    }
    arrival.put(receiver, arrival(receiver, now).plus(limit.per().dividedBy(limit.count())));
    return Optional.empty();
  }

  private Instant arrival(String receiver, Instant now) {
    Instant tat = arrival.getOrDefault(receiver, now);
    return tat.isBefore(now) ? now : tat;
  }

  private static Duration burst(RateLimit limit) {
    return limit.per().dividedBy(limit.count()).multipliedBy(limit.count() - 1L);
  }
}
