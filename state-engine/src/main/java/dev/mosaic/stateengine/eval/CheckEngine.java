package dev.mosaic.stateengine.eval;

import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.GraphitePattern;
import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.SeriesState;
import dev.mosaic.stateengine.check.Check;
import dev.mosaic.stateengine.incident.IncidentBook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
 * returns the incident events it caused, for the caller to publish.
 *
 * <pre>
 * aggregates topic → StateEngineService → CheckEngine → incidents, incident-state topics
 *                                                ↑ HTTP API
 * </pre>
 *
 * <p>Thread-safe: the consuming thread and the HTTP threads share it through one lock.
 */
public final class CheckEngine {
  private final IncidentBook book;
  private final RecentValues recent;
  private final Consumer<List<IncidentEvent>> sink;
  private Map<String, Check> checks = new LinkedHashMap<>();
  private final Map<String, Map<String, SeriesEvaluator>> evaluators = new HashMap<>();
  private long seriesNotKept;

  /**
   * @param sink receives every non-empty list of events, in order, under the engine's lock; it
   *     should not block for long
   */
  public CheckEngine(IncidentBook book, RecentValues recent, Consumer<List<IncidentEvent>> sink) {
    this.book = book;
    this.recent = recent;
    this.sink = sink;
  }

  private List<IncidentEvent> emit(List<IncidentEvent> events) {
    if (!events.isEmpty()) {
      sink.accept(events);
    }
    return events;
  }

  private Optional<IncidentEvent> emit(Optional<IncidentEvent> event) {
    event.ifPresent(e -> sink.accept(List.of(e)));
    return event;
  }

  /**
   * Installs a new set of checks. Series of checks that remain keep their state; open incidents of
   * checks that are gone are closed without paging.
   */
  public synchronized List<IncidentEvent> replaceChecks(List<Check> next, long now) {
    Map<String, Check> byName = new LinkedHashMap<>();
    next.forEach(c -> byName.put(c.name(), c));
    checks = byName;
    evaluators.keySet().retainAll(byName.keySet());
    return emit(book.closeAllBut(byName.keySet(), now));
  }

  /**
   * Takes back incidents stored before a restart: series with an open incident resume in its state,
   * so they neither open it again nor page again. Open incidents of checks removed meanwhile are
   * closed without paging.
   */
  public synchronized List<IncidentEvent> restore(Collection<Incident> incidents, long now) {
    for (Incident incident : incidents) {
      book.restore(incident);
      if (incident.isOpen() && checks.containsKey(incident.check())) {
        evaluators
            .computeIfAbsent(incident.check(), c -> new HashMap<>())
            .put(incident.series(), new SeriesEvaluator(incident.state(), now));
      }
    }
    return emit(book.closeAllBut(checks.keySet(), now));
  }

  public synchronized List<IncidentEvent> onPoint(AggregatePoint point, long now) {
    if (!recent.add(point.name(), point.value(), point.timestampSeconds())) {
      seriesNotKept++;
    }
    List<IncidentEvent> events = new ArrayList<>();
    for (Check check : checks.values()) {
      if (check.pattern().matches(point.name())) {
        SeriesEvaluator evaluator =
            evaluators
                .computeIfAbsent(check.name(), c -> new HashMap<>())
                .computeIfAbsent(point.name(), s -> new SeriesEvaluator(SeriesState.OK, now));
        evaluator
            .onValue(check, point.value(), now)
            .ifPresent(change -> events.addAll(book.apply(check, point.name(), change, now)));
      }
    }
    return emit(events);
  }

  /** Applies no-data: series silent for longer than their check allows go UNKNOWN. */
  public synchronized List<IncidentEvent> onTick(long now) {
    List<IncidentEvent> events = new ArrayList<>();
    evaluators.forEach(
        (checkName, bySeries) -> {
          Check check = checks.get(checkName);
          bySeries.forEach(
              (series, evaluator) ->
                  evaluator
                      .onTick(check, now)
                      .ifPresent(change -> events.addAll(book.apply(check, series, change, now))));
        });
    return emit(events);
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
}
