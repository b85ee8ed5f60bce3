package dev.mosaic.notifier.group;

import dev.mosaic.contract.IncidentEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The open groups, by key. Every change is reported to a {@link Listener} so that it can be kept in
 * Kafka. Not thread-safe: the notifier's consumer loop owns it.
 *
 * <pre>
 * incident events → NotificationGroups.add ─ due(now) → receivers → flushed(group, now)
 *                                          └ Listener → notifier-state topic
 * </pre>
 */
public final class NotificationGroups {
  /** Hears every change, to persist it. */
  public interface Listener {
    void saved(NotificationGroup group);

    void removed(String key);
  }

  private final Map<String, NotificationGroup> groups = new LinkedHashMap<>();
  private final Listener listener;

  public NotificationGroups(Listener listener) {
    this.listener = listener;
  }

  /** Puts back a group read from Kafka at start; the listener is not called. */
  public void restore(NotificationGroup group) {
    groups.put(group.key(), group);
  }

  /** The key of the group an incident goes to on a route. */
  public static String keyOf(int routeLine, Map<String, String> labels) {
    return routeLine
        + ":"
        + labels.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
  }

  /**
   * Adds an event to its group, making the group if needed: a new group is sent {@code wait} from
   * now; a group already sent is sent again {@code interval} after its last notification (at once
   * if that is past).
   */
  public void add(
      int routeLine, List<String> targets, Grouping grouping, IncidentEvent event, Instant now) {
    Map<String, String> labels = grouping.labelsOf(event.incident());
    String key = keyOf(routeLine, labels);
    NotificationGroup group = groups.get(key);
    if (group == null) {
      save(
          new NotificationGroup(
              key,
              targets,
              grouping,
              labels,
              Map.of(event.incident().id(), event),
              true,
              now.plus(grouping.waitTime()).toEpochMilli(),
              0,
              0));
      return;
    }
    Map<String, IncidentEvent> events = new LinkedHashMap<>(group.events());
    events.put(event.incident().id(), event);
    long next = group.nextAtMillis();
    if (group.sent() > 0) {
      next = Math.min(next, group.lastAtMillis() + group.grouping().interval().toMillis());
    }
    save(
        new NotificationGroup(
            key,
            group.targets(),
            group.grouping(),
            labels,
            events,
            true,
            next,
            group.lastAtMillis(),
            group.sent()));
  }

  /** The groups due at {@code now}; they stay due until {@link #flushed} or {@link #postpone}d. */
  public List<NotificationGroup> due(Instant now) {
    List<NotificationGroup> due = new ArrayList<>();
    for (NotificationGroup group : groups.values()) {
      if (group.nextAtMillis() <= now.toEpochMilli()) {
        due.add(group);
      }
    }
    return due;
  }

  /**
   * Records that {@code group} was sent at {@code now}: resolved incidents leave it (a group left
   * empty ends), and it is due again after {@code repeat} if it still has open, unacknowledged
   * incidents, else only when it changes.
   */
  public void flushed(NotificationGroup group, Instant now) {
    Map<String, IncidentEvent> open = new LinkedHashMap<>();
    group
        .events()
        .forEach(
            (id, event) -> {
              if (event.incident().isOpen()) {
                open.put(id, event);
              }
            });
    if (open.isEmpty()) {
      groups.remove(group.key());
      listener.removed(group.key());
      return;
    }
    boolean repeats = open.values().stream().anyMatch(event -> !event.incident().acknowledged());
    save(
        new NotificationGroup(
            group.key(),
            group.targets(),
            group.grouping(),
            group.labels(),
            open,
            false,
            repeats ? now.plus(group.grouping().repeat()).toEpochMilli() : Long.MAX_VALUE,
            now.toEpochMilli(),
            group.sent() + 1));
  }

  /** Moves a due group's next notification to {@code until}; later events still join it. */
  public void postpone(NotificationGroup group, Instant until) {
    NotificationGroup current = groups.get(group.key());
    if (current != null) {
      save(
          new NotificationGroup(
              current.key(),
              current.targets(),
              current.grouping(),
              current.labels(),
              current.events(),
              current.changed(),
              until.toEpochMilli(),
              current.lastAtMillis(),
              current.sent()));
    }
  }

  public Collection<NotificationGroup> groups() {
    return List.copyOf(groups.values());
  }

  private void save(NotificationGroup group) {
    groups.put(group.key(), group);
    listener.saved(group);
  }
}
