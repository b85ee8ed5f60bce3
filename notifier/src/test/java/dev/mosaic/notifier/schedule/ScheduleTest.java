package dev.mosaic.notifier.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  // 2024-03-03 is a Sunday; Berlin changes to summer time on Sunday 31 March 2024 and back on
  // Sunday 27 October 2024, both the last Sunday of their month.
  private static final Rotation WEEKLY =
      new Rotation(
          List.of("alice", "bob"), LocalDate.of(2024, 3, 3), LocalTime.of(9, 0), BERLIN, 7);

  private static Instant utc(String text) {
    return Instant.parse(text);
  }

  private static String member(Schedule schedule, String at) {
    return schedule.onCallAt(utc(at)).member();
  }

  @Test
  void weeklyHandOffStaysAtNineLocalWhenSummerTimeBegins() {
    Schedule schedule = new Schedule("primary", WEEKLY, List.of());

    // 09:00 CEST on 31 March is 07:00 UTC; a week ago 09:00 CET was 08:00 UTC.
    assertThat(member(schedule, "2024-03-31T06:59:59Z")).isEqualTo("bob");
    assertThat(member(schedule, "2024-03-31T07:00:00Z")).isEqualTo("alice");
    OnCall bob = schedule.onCallAt(utc("2024-03-30T12:00:00Z"));
    assertThat(bob.from()).isEqualTo(utc("2024-03-24T08:00:00Z"));
    assertThat(bob.until()).isEqualTo(utc("2024-03-31T07:00:00Z"));
    assertThat(Duration.between(bob.from(), bob.until())).isEqualTo(Duration.ofHours(167));
  }

  @Test
  void weeklyHandOffStaysAtNineLocalWhenSummerTimeEnds() {
    Schedule schedule = new Schedule("primary", WEEKLY, List.of());

    // 09:00 CET on 27 October is 08:00 UTC: 34 weeks after the start, so alice again.
    assertThat(member(schedule, "2024-10-27T07:59:59Z")).isEqualTo("bob");
    assertThat(member(schedule, "2024-10-27T08:00:00Z")).isEqualTo("alice");
    OnCall bob = schedule.onCallAt(utc("2024-10-27T07:00:00Z"));
    assertThat(Duration.between(bob.from(), bob.until())).isEqualTo(Duration.ofHours(169));
  }

  @Test
  void dailyRotationCyclesThroughItsMembersAcrossTheChange() {
    Rotation daily =
        new Rotation(
            List.of("a", "b", "c"), LocalDate.of(2024, 3, 29), LocalTime.of(9, 0), BERLIN, 1);
    Schedule schedule = new Schedule("daily", daily, List.of());

    assertThat(member(schedule, "2024-03-29T08:00:00Z")).isEqualTo("a"); // 09:00 CET
    assertThat(member(schedule, "2024-03-30T07:59:59Z")).isEqualTo("a");
    assertThat(member(schedule, "2024-03-30T08:00:00Z")).isEqualTo("b");
    assertThat(member(schedule, "2024-03-31T06:59:59Z")).isEqualTo("b");
    assertThat(member(schedule, "2024-03-31T07:00:00Z")).isEqualTo("c"); // 09:00 CEST
    assertThat(member(schedule, "2024-04-01T07:00:00Z")).isEqualTo("a");
    // Before the start the turns run backwards.
    assertThat(member(schedule, "2024-03-29T07:59:59Z")).isEqualTo("c");
  }

  @Test
  void aHandOffInTheRepeatedHourIsItsFirstOccurrence() {
    Rotation night =
        new Rotation(List.of("a", "b"), LocalDate.of(2024, 10, 26), LocalTime.of(2, 30), BERLIN, 1);
    Schedule schedule = new Schedule("night", night, List.of());

    // 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET); the first one hands off.
    assertThat(member(schedule, "2024-10-27T00:29:59Z")).isEqualTo("a");
    assertThat(member(schedule, "2024-10-27T00:30:00Z")).isEqualTo("b");
    assertThat(member(schedule, "2024-10-27T01:00:00Z")).isEqualTo("b"); // 02:00 CET, again
    assertThat(member(schedule, "2024-10-27T01:45:00Z")).isEqualTo("b");
  }

  @Test
  void anOverrideReplacesTheRotationForItsRangeOnly() {
    Schedule schedule =
        new Schedule(
            "primary",
            WEEKLY,
            List.of(
                new ScheduleOverride(
                    "carol", utc("2024-03-30T08:00:00Z"), utc("2024-04-01T16:00:00Z"))));

    OnCall before = schedule.onCallAt(utc("2024-03-29T12:00:00Z"));
    assertThat(before.member()).isEqualTo("bob");
    assertThat(before.until()).isEqualTo(utc("2024-03-30T08:00:00Z")); // cut by the override
    assertThat(member(schedule, "2024-03-30T08:00:00Z")).isEqualTo("carol");
    OnCall covered = schedule.onCallAt(utc("2024-03-31T07:00:00Z"));
    assertThat(covered)
        .isEqualTo(
            new OnCall(
                "primary",
                "carol",
                utc("2024-03-30T08:00:00Z"),
                utc("2024-04-01T16:00:00Z"),
                true));
    OnCall back = schedule.onCallAt(utc("2024-04-01T16:00:00Z"));
    assertThat(back.member()).isEqualTo("alice");
    assertThat(back.from()).isEqualTo(utc("2024-04-01T16:00:00Z")); // when the override ended
    assertThat(back.until()).isEqualTo(utc("2024-04-07T07:00:00Z"));
  }

  @Test
  void ofOverlappingOverridesTheLastListedWins() {
    Schedule schedule =
        new Schedule(
            "primary",
            WEEKLY,
            List.of(
                new ScheduleOverride(
                    "carol", utc("2024-05-01T00:00:00Z"), utc("2024-05-10T00:00:00Z")),
                new ScheduleOverride(
                    "dave", utc("2024-05-03T00:00:00Z"), utc("2024-05-04T00:00:00Z"))));

    assertThat(member(schedule, "2024-05-02T00:00:00Z")).isEqualTo("carol");
    assertThat(member(schedule, "2024-05-03T12:00:00Z")).isEqualTo("dave");
    assertThat(member(schedule, "2024-05-05T00:00:00Z")).isEqualTo("carol");
  }
}
