package dev.mosaic.stateengine.incident;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEventSerde;
import dev.mosaic.contract.IncidentSerde;
import dev.mosaic.contract.SeriesSnapshot;
import dev.mosaic.contract.SeriesSnapshotSerde;
import dev.mosaic.contract.Topics;
import dev.mosaic.stateengine.eval.StateJournal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The records the engine has yet to write, in the order it wrote them to its journal. Each incident
 * event becomes a record of the incidents topic (keyed by incident id, so the notifier sees one
 * incident's events in order) and the incident's new version in the compacted incident-state topic;
 * series snapshots and deletions go to incident-state too. Every incident-state record goes to the
 * partition number of its series' aggregates partition, so the engine that owns an aggregates
 * partition finds all it needs in the same incident-state partition.
 *
 * <pre>
 * CheckEngine → StateOutbox → StateTransactions → incidents, incident-state topics
 * </pre>
 *
 * <p>Thread-safe: the engine appends under its lock from any thread; the consuming thread takes.
 */
public final class StateOutbox implements StateJournal {
  /**
   * One record to write.
   *
   * @param partition the aggregates partition of the series it is about
   * @param isEvent whether it is an incident event
   */
  public record Entry(int partition, boolean isEvent, ProducerRecord<String, byte[]> record) {}

  private final String eventsTopic;
  private final String stateTopic;
  private final List<Entry> entries = new ArrayList<>();

  public StateOutbox(Topics topics) {
    this.eventsTopic = topics.incidents();
    this.stateTopic = topics.incidentState();
  }

  @Override
  public synchronized void events(int partition, List<IncidentEvent> events) {
    for (IncidentEvent event : events) {
      Incident incident = event.incident();
      entries.add(
          new Entry(
              partition,
              true,
              new ProducerRecord<>(eventsTopic, incident.id(), IncidentEventSerde.encode(event))));
      state(partition, incident.id(), IncidentSerde.encode(incident));
    }
  }

  @Override
  public synchronized void series(int partition, String key, SeriesSnapshot snapshot) {
    state(partition, key, snapshot == null ? null : SeriesSnapshotSerde.encode(snapshot));
  }

  @Override
  public synchronized void forgotten(int partition, String incidentId) {
    state(partition, incidentId, null);
  }

  private void state(int partition, String key, byte[] value) {
    entries.add(
        new Entry(partition, false, new ProducerRecord<>(stateTopic, partition, key, value)));
  }

  /** The entries not yet written, oldest first; they stay until {@link #remove}. */
  public synchronized List<Entry> peek() {
    return List.copyOf(entries);
  }

  /** Removes the {@code count} oldest entries, once they are written. */
  public synchronized void remove(int count) {
    entries.subList(0, count).clear();
  }

  /** Drops the entries of partitions this engine lost without writing them. */
  public synchronized void discard(Collection<Integer> partitions) {
    entries.removeIf(e -> partitions.contains(e.partition()));
  }

  public synchronized boolean isEmpty() {
    return entries.isEmpty();
  }
}
