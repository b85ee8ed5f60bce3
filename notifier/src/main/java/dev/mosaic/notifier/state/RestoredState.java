package dev.mosaic.notifier.state;

import dev.mosaic.notifier.escalation.PendingEscalation;
import dev.mosaic.notifier.group.NotificationGroup;
import dev.mosaic.notifier.http.DeliveryLog;
import java.util.List;

/**
 * What a notifier left in the notifier-state topic: the latest value of every key of its consumer
 * group.
 *
 * @param escalations pending escalation timers
 * @param groups open groups
 * @param deliveries delivery log entries, of all incidents
 * @param badRecords records that did not decode and were skipped
 */
public record RestoredState(
    List<PendingEscalation> escalations,
    List<NotificationGroup> groups,
    List<DeliveryLog.Entry> deliveries,
    int badRecords) {
  public RestoredState {
    escalations = List.copyOf(escalations);
    groups = List.copyOf(groups);
    deliveries = List.copyOf(deliveries);
  }
}
