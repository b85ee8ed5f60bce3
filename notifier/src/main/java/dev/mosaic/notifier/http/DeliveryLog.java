package dev.mosaic.notifier.http;

import dev.mosaic.notifier.webhook.DeliveryOutcome;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The latest deliveries, in memory, for {@code GET /notifications}; the oldest entry is dropped
 * once {@code capacity} is reached. Thread-safe.
 *
 * <pre>
 * IncidentDispatcher → DeliveryLog.add → NotifierHttpApi (GET /notifications?incident=)
 * </pre>
 */
public final class DeliveryLog {
  /**
   * One finished delivery.
   *
   * @param incidentId the incident
   * @param receiver the receiver's name
   * @param idempotencyKey the key the requests carried
   * @param outcome how it ended
   * @param attempts requests sent
   * @param lastStatus last HTTP status, 0 for none
   * @param atMillis when it ended, epoch milliseconds of the service clock
   */
  public record Entry(
      String incidentId,
      String receiver,
      String idempotencyKey,
      DeliveryOutcome outcome,
      int attempts,
      int lastStatus,
      long atMillis) {}

  private final int capacity;
  private final Deque<Entry> entries = new ArrayDeque<>();

  public DeliveryLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  public synchronized void add(Entry entry) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  /** The entries of one incident still in the log, oldest first. */
  public synchronized List<Entry> forIncident(String incidentId) {
    return entries.stream().filter(e -> e.incidentId().equals(incidentId)).toList();
  }
}
