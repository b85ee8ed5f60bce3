package dev.mosaic.notifier.route;

import dev.mosaic.notifier.schedule.Rotation;
import dev.mosaic.notifier.schedule.Schedule;
import dev.mosaic.notifier.schedule.ScheduleOverride;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code schedules:} section of a routes file; every member must name a receiver declared
 * in the same file.
 *
 * <pre>
 * RoutesFileParser → SchedulesParser → Map of Schedule by name → Routing
 * </pre>
 */
final class SchedulesParser {
  private static final Set<String> FIELDS =
      Set.of("name", "time-zone", "hand-off", "shift", "start", "members", "overrides");
  private static final Set<String> OVERRIDE_FIELDS = Set.of("member", "from", "until");

  private SchedulesParser() {}

  static Map<String, Schedule> parse(String file, YamlNode node, Set<String> receiverNames)
      throws RoutesFileException {
    Map<String, Schedule> schedules = new LinkedHashMap<>();
    for (YamlNode item : RoutesFileParser.sequence(file, node, "schedules")) {
      Schedule schedule = schedule(file, item, receiverNames);
      if (schedules.put(schedule.name(), schedule) != null) {
        throw new RoutesFileException(
            file, item.line(), "schedule '" + schedule.name() + "' is declared twice");
      }
    }
    return schedules;
  }

  private static Schedule schedule(String file, YamlNode node, Set<String> receiverNames)
      throws RoutesFileException {
    YamlFields fields = YamlFields.of(file, node, "a schedule");
    fields.allowOnly(FIELDS);
    String name = fields.requiredText("name");
    ZoneId zone;
    try {
      zone = ZoneId.of(fields.requiredText("time-zone"));
    } catch (DateTimeException e) {
      throw fields.error("time-zone", "unknown time-zone: " + e.getMessage());
    }
    LocalTime handOff;
    try {
      handOff = LocalTime.parse(fields.requiredText("hand-off"));
    } catch (DateTimeParseException e) {
      throw fields.error("hand-off", "hand-off must be a local time like 09:00");
    }
    String shift = fields.requiredText("shift");
    int shiftDays =
        switch (shift) {
          case "daily" -> 1;
          case "weekly" -> 7;
          default ->
              throw fields.error("shift", "shift must be daily or weekly, not '" + shift + "'");
        };
    LocalDate start;
    try {
      start = LocalDate.parse(fields.requiredText("start"));
    } catch (DateTimeParseException e) {
      throw fields.error("start", "start must be a date like 2024-03-04");
    }
    List<String> members = new ArrayList<>();
    for (YamlNode item :
        RoutesFileParser.sequence(file, node.mapping().get("members"), "members")) {
      members.add(member(file, item, receiverNames));
    }
    if (members.isEmpty()) {
      throw new RoutesFileException(file, node.line(), "schedule '" + name + "' needs members");
    }
    Rotation rotation = new Rotation(members, start, handOff, zone, shiftDays);
    List<ScheduleOverride> overrides = new ArrayList<>();
    for (YamlNode item :
        RoutesFileParser.sequence(file, node.mapping().get("overrides"), "overrides")) {
      YamlFields override = YamlFields.of(file, item, "an override");
      override.allowOnly(OVERRIDE_FIELDS);
      YamlNode memberNode = item.mapping().get("member");
      if (memberNode == null) {
        throw new RoutesFileException(file, item.line(), "an override needs a member");
      }
      String member = member(file, memberNode, receiverNames);
      Instant from = instant(override, "from", rotation);
      Instant until = instant(override, "until", rotation);
      if (!from.isBefore(until)) {
        throw override.error("until", "an override must end after it starts");
      }
      overrides.add(new ScheduleOverride(member, from, until));
    }
    return new Schedule(name, rotation, overrides);
  }

  private static String member(String file, YamlNode item, Set<String> receiverNames)
      throws RoutesFileException {
    if (!item.isScalar()) {
      throw new RoutesFileException(file, item.line(), "a member must be a receiver name");
    }
    if (!receiverNames.contains(item.scalar())) {
      throw new RoutesFileException(
          file, item.line(), "member '" + item.scalar() + "' is not a receiver");
    }
    return item.scalar();
  }

  /** A local date-time in the schedule's zone, or a date meaning its hand-off time that day. */
  private static Instant instant(YamlFields fields, String name, Rotation rotation)
      throws RoutesFileException {
    String text = fields.requiredText(name);
    try {
      if (text.contains("T")) {
        return LocalDateTime.parse(text).atZone(rotation.zone()).toInstant();
      }
      return rotation.handOffOn(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      throw fields.error(
          name, name + " must be a date (2024-03-30) or a local date-time (2024-03-30T18:00)");
    }
  }
}
