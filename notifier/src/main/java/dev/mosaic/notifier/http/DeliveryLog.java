package dev.mosaic.notifier.http;

import dev.mosaic.notifier.webhook.DeliveryOutcome;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest deliveries for {@code GET /notifications}; the oldest entry is dropped once {@code
 * capacity} is reached. Every change of an incident's entries goes to a {@link Listener}, which
 * keeps them in Kafka, so that the log survives a restart. Thread-safe.
 *
 * <pre>
 * IncidentDispatcher → DeliveryLog.add → NotifierHttpApi (GET /notifications?incident=)
 *                                      → Listener → notifier-state topic
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
   * @param lastStatus as {@link dev.mosaic.notifier.webhook.DeliveryResult#lastStatus()}
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

  /** Hears the entries of an incident after each change; called under the log's lock. */
  public interface Listener {
    Listener NONE = (incidentId, entries) -> {};

    /**
     * @param entries the incident's entries now, oldest first; empty once the last was dropped
     */
    void changed(String incidentId, List<Entry> entries);
  }

  private final int capacity;
  private final Listener listener;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private final Map<String, Deque<Entry>> byIncident = new HashMap<>();

  public DeliveryLog(int capacity) {
    this(capacity, Listener.NONE);
  }

  public DeliveryLog(int capacity, Listener listener) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
    this.listener = listener;
  }

  public synchronized void add(Entry entry) {
    String dropped = append(entry);
    if (dropped != null && !dropped.equals(entry.incidentId())) {
      listener.changed(dropped, forIncident(dropped));
    }
    listener.changed(entry.incidentId(), forIncident(entry.incidentId()));
  }

  /**
   * Puts back entries read from Kafka at start, oldest first by time; the listener is not called.
   */
  public synchronized void restore(List<Entry> restored) {
    restored.stream().sorted(Comparator.comparingLong(Entry::atMillis)).forEach(this::append);
  }

  /** The entries of one incident still in the log, oldest first. */
  public synchronized List<Entry> forIncident(String incidentId) {
    Deque<Entry> own = byIncident.get(incidentId);
    return own == null ? List.of() : List.copyOf(own);
  }

  /**
   * @return the incident whose oldest entry was dropped to make room, or null
   */
  private String append(Entry entry) {
    String dropped = null;
    if (entries.size() == capacity) {
      Entry oldest = entries.removeFirst();
      Deque<Entry> own = byIncident.get(oldest.incidentId());
      own.removeFirst();
      if (own.isEmpty()) {
        byIncident.remove(oldest.incidentId());
      }
      dropped = oldest.incidentId();
    }
    entries.addLast(entry);
    byIncident.computeIfAbsent(entry.incidentId(), id -> new ArrayDeque<>()).addLast(entry);
    return dropped;
  }
}
