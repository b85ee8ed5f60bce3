package dev.mosaic.notifier.group;

import dev.mosaic.contract.IncidentEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One group's state: the latest event of each of its incidents and when it is sent next.
 *
 * @param key {@code <route line>:<name>=<value>,...}, which also keys it in Kafka
 * @param targets the route's receivers ({@code oncall:} resolved when sent)
 * @param grouping the route's settings when the group was made
 * @param labels the group-by values
 * @param events the latest event of every incident in the group, by incident id, first come first
 * @param changed whether an event arrived since the last notification
 * @param nextAtMillis when the group is sent next, epoch milliseconds; {@link Long#MAX_VALUE} for
 *     not until it changes
 * @param lastAtMillis when it was last sent; 0 for never
 * @param sent notifications sent so far; the next one's key ends in {@code sent + 1}
 */
public record NotificationGroup(
    String key,
    List<String> targets,
    Grouping grouping,
    Map<String, String> labels,
    Map<String, IncidentEvent> events,
    boolean changed,
    long nextAtMillis,
    long lastAtMillis,
    int sent) {
  public NotificationGroup {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(grouping, "grouping");
    targets = List.copyOf(targets);
    labels = Map.copyOf(labels);
    // Insertion order is the order incidents are listed in a notification.
    events = Collections.unmodifiableMap(new LinkedHashMap<>(events));
  }

  /** {@code group/<key>/<n>}: the same for every retry and redelivery of the n-th notification. */
  public String nextIdempotencyKey() {
    return "group/" + key + "/" + (sent + 1);
  }
}
