package dev.mosaic.notifier.group;

import dev.mosaic.contract.Incident;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A route's grouping settings.
 *
 * @param by the names whose values make a group: {@code check}, {@code severity}, {@code series},
 *     or a label name; not empty
 * @param waitTime how long a new group collects incidents before its first notification
 * @param interval the shortest time between two notifications of a group that changed
 * @param repeat how long after its last notification a group that did not change, but still has
 *     open and unacknowledged incidents, is sent again
 */
public record Grouping(List<String> by, Duration waitTime, Duration interval, Duration repeat) {
  /** Alertmanager's defaults: 30s, 5m and 4h. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_REPEAT = Duration.ofHours(4);

  public Grouping {
    by = List.copyOf(by);
    Objects.requireNonNull(waitTime, "waitTime");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(repeat, "repeat");
    if (by.isEmpty()) {
      throw new IllegalArgumentException("group-by needs at least one name");
    }
    if (interval.isZero() || interval.isNegative() || repeat.isZero() || repeat.isNegative()) {
      throw new IllegalArgumentException("group-interval and repeat-interval must be positive");
    }
  }

  /** The incident's values of the group-by names, sorted by name; a missing label is empty. */
  public Map<String, String> labelsOf(Incident incident) {
    Map<String, String> labels = new TreeMap<>();
    for (String name : by) {
      labels.put(
          name,
          switch (name) {
            case "check" -> incident.check();
            case "severity" -> String.valueOf(incident.severity());
            case "series" -> incident.series();
            default -> incident.labels().getOrDefault(name, "");
          });
    }
    return labels;
  }
}
