package dev.mosaic.stateengine.eval;

import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.GraphitePattern;
import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.SeriesSnapshot;
import dev.mosaic.contract.SeriesState;
import dev.mosaic.stateengine.check.Check;
import dev.mosaic.stateengine.incident.IncidentBook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The state engine's memory and rules, without Kafka or HTTP: checks, a {@link SeriesEvaluator} per
 * check and matching series, the {@link IncidentBook} and {@link RecentValues}. Every method
 * returns the incident events it caused; they, the changed series snapshots and forgotten incidents
 * also go to the {@link StateJournal}, each with the partition of its series.
 *
 * <pre>
 * aggregates topic → StateEngineService → CheckEngine → StateJournal → incidents, incident-state
 *                                                ↑ HTTP API
 * </pre>
 *
 * <p>The engine holds only the series of the aggregates partitions it was given: {@link #restore}
 * takes a partition's saved state over, {@link #drop} lets a partition go.
 *
 * <p>Thread-safe: the consuming thread and the HTTP threads share it through one lock.
 */
public final class CheckEngine {
  private final IncidentBook book;
  private final RecentValues recent;
  private final StateJournal journal;
  private final long resolvedRetentionMillis;
  private Map<String, Check> checks = new LinkedHashMap<>();
  private final Map<String, Map<String, SeriesEvaluator>> evaluators = new HashMap<>();
  private final Map<String, TrackedSeries> tracked = new HashMap<>();
  // Bumped when checks or evaluators are replaced: every TrackedSeries' matches are then stale.
  private int checksVersion;
  private long seriesNotKept;

  /**
   * @param journal receives everything to persist, in order, under the engine's lock
   * @param resolvedRetention how long a resolved incident is kept (and shown) before it is
   *     forgotten and its saved copy deleted
   */
  public CheckEngine(
      IncidentBook book, RecentValues recent, StateJournal journal, Duration resolvedRetention) {
    this.book = book;
    this.recent = recent;
    this.journal = journal;
    this.resolvedRetentionMillis = resolvedRetention.toMillis();
  }

  /** An engine of one partition (0) that passes only events on and keeps resolved incidents. */
  public CheckEngine(IncidentBook book, RecentValues recent, Consumer<List<IncidentEvent>> sink) {
    this(book, recent, StateJournal.eventsTo(sink), Duration.ofMillis(Long.MAX_VALUE));
  }

  /**
   * Installs a new set of checks. Series of checks that remain keep their state; open incidents of
   * checks that are gone are closed without paging, and the saved state of their series deleted.
   */
  public synchronized List<IncidentEvent> replaceChecks(List<Check> next, long now) {
    Map<String, Check> byName = new LinkedHashMap<>();
    next.forEach(c -> byName.put(c.name(), c));
    checks = byName;
    checksVersion++;
    evaluators
        .entrySet()
        .removeIf(
            e -> {
              if (byName.containsKey(e.getKey())) {
                return false;
              }
              e.getValue()
                  .forEach(
                      (series, evaluator) -> {
                        if (evaluator.isSaved()) {
                          journal.series(
                              partitionOf(series), SeriesSnapshot.keyOf(e.getKey(), series), null);
                        }
                      });
              return true;
            });
    return emit(book.closeAllBut(byName.keySet(), now));
  }

  /**
   * Takes over the saved state of one aggregates partition: its series resume where they were, so
   * they neither open an incident again nor page again, and pending for-N counts, flap histories
   * and no-data clocks carry on. A series with an open incident but no snapshot resumes in the
   * incident's state with its no-data clock starting now. Open incidents of checks removed
   * meanwhile are closed without paging.
   */
  public synchronized List<IncidentEvent> restore(
      int partition, Collection<Incident> incidents, Collection<SeriesSnapshot> series, long now) {
    checksVersion++; // restored evaluators replace those the series' matches point to
    for (SeriesSnapshot snapshot : series) {
      track(snapshot.series(), partition);
      if (checks.containsKey(snapshot.check())) {
        evaluators
            .computeIfAbsent(snapshot.check(), c -> new HashMap<>())
            .put(snapshot.series(), SeriesEvaluator.restore(snapshot));
      } else {
        journal.series(partition, snapshot.key(), null);
      }
    }
    for (Incident incident : incidents) {
      track(incident.series(), partition);
      book.restore(incident);
      if (incident.isOpen() && checks.containsKey(incident.check())) {
        evaluators
            .computeIfAbsent(incident.check(), c -> new HashMap<>())
            .computeIfAbsent(incident.series(), s -> new SeriesEvaluator(incident.state(), now));
      }
    }
    return emit(book.closeAllBut(checks.keySet(), now));
  }

  /** {@link #restore(int, Collection, Collection, long)} of partition 0, incidents only. */
  public synchronized List<IncidentEvent> restore(Collection<Incident> incidents, long now) {
    return restore(0, incidents, List.of(), now);
  }

  /**
   * Forgets every series of the given partitions, with their incidents: another engine took them
   * over. What they left is already in the journal.
   */
  public synchronized void drop(Collection<Integer> partitions) {
    Set<String> series = new HashSet<>();
    tracked
        .entrySet()
        .removeIf(
            e -> {
              boolean gone = partitions.contains(e.getValue().partition);
              if (gone) {
                series.add(e.getKey());
              }
              return gone;
            });
    evaluators.values().forEach(bySeries -> bySeries.keySet().removeAll(series));
    book.drop(series);
    recent.removeAll(series);
  }

  /** Evaluates a point that arrived on aggregates partition {@code partition}. */
  public synchronized List<IncidentEvent> onPoint(AggregatePoint point, int partition, long now) {
    TrackedSeries series = track(point.name(), partition);
    if (series.recent == null) {
      series.recent = recent.track(point.name());
    }
    if (series.recent == null) {
      seriesNotKept++;
    } else {
      series.recent.add(point.value(), point.timestampSeconds());
    }
    if (series.matchedVersion != checksVersion) {
      match(series, point.name(), now);
    }
    List<IncidentEvent> events = new ArrayList<>();
    for (int i = 0; i < series.checks.length; i++) {
      Check check = series.checks[i];
      SeriesEvaluator evaluator = series.evaluators[i];
      Optional<SeriesChange> change = evaluator.onValue(check, point.value(), now);
      if (change.isPresent()) {
        List<IncidentEvent> caused = book.apply(check, point.name(), change.get(), now);
        if (!caused.isEmpty()) {
          journal.events(partition, caused);
        }
        events.addAll(caused);
      }
      save(check, point.name(), evaluator, partition);
    }
    forgetOverflow();
    return events;
  }

  /** The series' entry, made if new, now on {@code partition}. */
  private TrackedSeries track(String name, int partition) {
    TrackedSeries series = tracked.get(name);
    if (series == null) {
      series = new TrackedSeries(partition);
      tracked.put(name, series);
    } else {
      series.partition = partition;
    }
    return series;
  }

  /** Finds the checks matching the series, making their evaluators as a first point would. */
  private void match(TrackedSeries series, String name, long now) {
    List<Check> matching = new ArrayList<>();
    List<SeriesEvaluator> matchingEvaluators = new ArrayList<>();
    for (Check check : checks.values()) {
      if (check.pattern().matches(name)) {
        matching.add(check);
        matchingEvaluators.add(
            evaluators
                .computeIfAbsent(check.name(), c -> new HashMap<>())
                .computeIfAbsent(name, s -> new SeriesEvaluator(SeriesState.OK, now)));
      }
    }
    series.matched(
        checksVersion,
        matching.toArray(new Check[0]),
        matchingEvaluators.toArray(new SeriesEvaluator[0]));
  }

  /** {@link #onPoint(AggregatePoint, int, long)} on partition 0. */
  public List<IncidentEvent> onPoint(AggregatePoint point, long now) {
    return onPoint(point, 0, now);
  }

  /**
   * Applies the passing of time: series silent for longer than their check allows go UNKNOWN, and
   * incidents resolved longer ago than the retention are forgotten.
   */
  public synchronized List<IncidentEvent> onTick(long now) {
    List<IncidentEvent> events = new ArrayList<>();
    evaluators.forEach(
        (checkName, bySeries) -> {
          Check check = checks.get(checkName);
          bySeries.forEach(
              (series, evaluator) -> {
                Optional<SeriesChange> change = evaluator.onTick(check, now);
                if (change.isPresent()) {
                  int partition = partitionOf(series);
                  List<IncidentEvent> caused = book.apply(check, series, change.get(), now);
                  if (!caused.isEmpty()) {
                    journal.events(partition, caused);
                  }
                  events.addAll(caused);
                  save(check, series, evaluator, partition);
                }
              });
        });
    for (Incident expired : book.expireResolved(now - resolvedRetentionMillis)) {
      journal.forgotten(partitionOf(expired.series()), expired.id());
    }
    forgetOverflow();
    return events;
  }

  public synchronized Optional<IncidentEvent> acknowledge(String id, long now) {
    return emit(book.acknowledge(id, now));
  }

  public synchronized Optional<IncidentEvent> silence(String id, Duration duration, long now) {
    return emit(book.silence(id, duration, now));
  }

  public synchronized List<Check> checks() {
    return List.copyOf(checks.values());
  }

  public synchronized List<Incident> incidents(boolean openOnly) {
    return openOnly ? book.open() : book.all();
  }

  public synchronized Optional<Incident> incident(String id) {
    return book.get(id);
  }

  /** The state of every tracked series of the named checks: {@code check → series → state}. */
  public synchronized Map<String, Map<String, SeriesState>> states(Set<String> checkNames) {
    return evaluators.entrySet().stream()
        .filter(e -> checkNames.contains(e.getKey()))
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e ->
                    e.getValue().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, s -> s.getValue().state()))));
  }

  public synchronized Map<String, List<Double>> recentValues(
      GraphitePattern pattern, long fromSeconds) {
    return recent.since(pattern, fromSeconds);
  }

  /** Points whose series was new when {@link RecentValues} was full. */
  public synchronized long seriesNotKept() {
    return seriesNotKept;
  }

  private void save(Check check, String series, SeriesEvaluator evaluator, int partition) {
    if (evaluator.needsSaving(check)) {
      journal.series(
          partition,
          SeriesSnapshot.keyOf(check.name(), series),
          evaluator.save(check, series).orElse(null));
    }
  }

  /** Deletes the saved copies of resolved incidents the book let go of to stay within its size. */
  private void forgetOverflow() {
    for (Incident forgotten : book.drainForgotten()) {
      journal.forgotten(partitionOf(forgotten.series()), forgotten.id());
    }
  }

  private List<IncidentEvent> emit(List<IncidentEvent> events) {
    events.forEach(e -> journal.events(partitionOf(e.incident().series()), List.of(e)));
    forgetOverflow();
    return events;
  }

  private Optional<IncidentEvent> emit(Optional<IncidentEvent> event) {
    event.ifPresent(e -> emit(List.of(e)));
    return event;
  }

  private int partitionOf(String series) {
    TrackedSeries tracked = this.tracked.get(series);
    if (tracked == null) {
      throw new IllegalStateException("no aggregates partition known for " + series);
    }
    return tracked.partition;
  }
}
