package dev.mosaic.notifier.webhook;

import dev.mosaic.contract.IncidentEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The incidents of one group as one notification describes them.
 *
 * @param groupKey the group's key
 * @param idempotencyKey {@code group/<key>/<n>} for the n-th notification of the group
 * @param labels the group-by values, sorted by name
 * @param events the latest event of each incident, in the order they joined the group
 * @param atMillis when the notification is made, epoch milliseconds
 */
public record GroupedEvents(
    String groupKey,
    String idempotencyKey,
    Map<String, String> labels,
    List<IncidentEvent> events,
    long atMillis) {
  public GroupedEvents {
    Objects.requireNonNull(groupKey, "groupKey");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    labels = Map.copyOf(labels);
    events = List.copyOf(events);
  }

  public long openCount() {
    return events.stream().filter(e -> e.incident().isOpen()).count();
  }

  /** {@code firing} while any incident is open, else {@code resolved}. */
  public String status() {
    return openCount() > 0 ? "firing" : "resolved";
  }
}
