package dev.mosaic.notifier.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An on-call schedule: a rotation, and overrides that replace it for a while. When overrides
 * overlap, the one listed last wins.
 *
 * <pre>
 * route receiver "oncall:&lt;name&gt;" → Schedule.onCallAt(now) → member = receiver name
 * GET /schedules/&lt;name&gt;/oncall?at= → Schedule.onCallAt(at)
 * </pre>
 *
 * @param name how routes and the API refer to it
 * @param rotation the regular turns
 * @param overrides exceptions, in file order
 */
public record Schedule(String name, Rotation rotation, List<ScheduleOverride> overrides) {
  public Schedule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rotation, "rotation");
    overrides = List.copyOf(overrides);
  }

  public OnCall onCallAt(Instant at) {
    for (int i = overrides.size() - 1; i >= 0; i--) {
      ScheduleOverride override = overrides.get(i);
      if (override.covers(at)) {
        return new OnCall(name, override.member(), override.from(), override.until(), true);
      }
    }
    Rotation.Shift shift = rotation.shiftAt(at);
    Instant from = shift.from();
    Instant until = shift.until();
    // An override inside the shift bounds the member's turn: it resumes when one ends, and hands
    // over when the next begins.
    for (ScheduleOverride override : overrides) {
      if (override.from().isAfter(at) && override.from().isBefore(until)) {
        until = override.from();
      }
      if (!override.until().isAfter(at) && override.until().isAfter(from)) {
        from = override.until();
      }
    }
    return new OnCall(name, shift.member(), from, until, false);
  }
}
