package dev.mosaic.notifier.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Members taking turns in shifts of whole days, each shift starting at the hand-off time on the
 * local calendar of {@code zone}. Because hand-offs are placed on the local calendar, a shift that
 * spans a daylight-saving change is an hour shorter or longer, and the hand-off stays at, say,
 * 09:00 local.
 *
 * <pre>
 * Schedule → Rotation.shiftAt(instant) → Shift (member, from, until)
 * </pre>
 *
 * @param members who takes the shifts, in turn; not empty
 * @param start the local date on which {@code members.get(0)}'s first shift begins at hand-off;
 *     shifts before it continue the same turn order backwards
 * @param handOff the local time at which one shift ends and the next begins. When that time does
 *     not exist on a day (a spring-forward gap) the hand-off is the first instant after the gap;
 *     when it exists twice (fall back) it is the first of the two.
 * @param zone the time zone of {@code start} and {@code handOff}
 * @param shiftDays length of a shift in local days: 1 for daily, 7 for weekly
 */
public record Rotation(
    List<String> members, LocalDate start, LocalTime handOff, ZoneId zone, int shiftDays) {
  public Rotation {
    members = List.copyOf(members);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(handOff, "handOff");
    Objects.requireNonNull(zone, "zone");
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a rotation needs at least one member");
    }
    if (shiftDays < 1) {
      throw new IllegalArgumentException("a shift lasts at least one day: " + shiftDays);
    }
  }

  /**
   * One member's turn.
   *
   * @param member who is on call
   * @param from the hand-off that began it, inclusive
   * @param until the hand-off that ends it, exclusive
   */
  public record Shift(String member, Instant from, Instant until) {}

  /** The shift that contains {@code at}. */
  public Shift shiftAt(Instant at) {
    LocalDate day = at.atZone(zone).toLocalDate();
    // Compared as instants, not local times, so that the repeated hour of a fall-back is right.
    if (at.isBefore(handOffOn(day))) {
      day = day.minusDays(1);
    }
    long index = Math.floorDiv(ChronoUnit.DAYS.between(start, day), shiftDays);
    LocalDate first = start.plusDays(index * shiftDays);
    return new Shift(
        members.get((int) Math.floorMod(index, members.size())),
        handOffOn(first),
        handOffOn(first.plusDays(shiftDays)));
  }

  /**
   * The instant of the hand-off on a local date; {@code ZonedDateTime.of} resolves gaps/overlaps.
   */
  public Instant handOffOn(LocalDate day) {
    return ZonedDateTime.of(day, handOff, zone).toInstant();
  }
}
