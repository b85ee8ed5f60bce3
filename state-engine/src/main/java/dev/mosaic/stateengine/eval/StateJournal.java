package dev.mosaic.stateengine.eval;

import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.SeriesSnapshot;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where {@link CheckEngine} writes everything that must outlive it: incident events (each with the
 * incident it leaves), series snapshots, and incidents it forgets. Every write names the partition
 * of the series' aggregates, so the state of a series is kept in the partition its values arrive
 * on.
 *
 * <p>Called under the engine's lock, in the order things happened, from the consuming thread or an
 * HTTP thread; implementations must not block for long and must not call back into the engine.
 */
public interface StateJournal {
  /** Events of incidents of series in {@code partition}, in order. */
  void events(int partition, List<IncidentEvent> events);

  /** The saved state of a series; {@code null} deletes it (the series is at rest). */
  void series(int partition, String key, SeriesSnapshot snapshot);

  /** An incident the engine no longer keeps: its saved copy is deleted. */
  void forgotten(int partition, String incidentId);

  /** A journal for events only, as in tests that look at nothing else. */
  static StateJournal eventsTo(Consumer<List<IncidentEvent>> sink) {
    return new StateJournal() {
      @Override
      public void events(int partition, List<IncidentEvent> events) {
        sink.accept(events);
      }

      @Override
      public void series(int partition, String key, SeriesSnapshot snapshot) {}

      @Override
      public void forgotten(int partition, String incidentId) {}
    };
  }
}
