package dev.mosaic.notifier.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone on call in place of the rotation for a range of time (a swap, a holiday cover).
 *
 * @param member who is on call instead
 * @param from inclusive
 * @param until exclusive; after {@code from}
 */
public record ScheduleOverride(String member, Instant from, Instant until) {
  public ScheduleOverride {
    Objects.requireNonNull(member, "member");
    if (!from.isBefore(until)) {
      throw new IllegalArgumentException(
          "an override must end after it starts: " + from + ", " + until);
    }
  }

  boolean covers(Instant at) {
    return !at.isBefore(from) && at.isBefore(until);
  }
}
