package dev.mosaic.stateengine.incident;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEvent.Kind;
import dev.mosaic.contract.IncidentTransition;
import dev.mosaic.contract.SeriesState;
import dev.mosaic.stateengine.check.Check;
import dev.mosaic.stateengine.eval.SeriesChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every incident the engine knows, and the rules that turn series changes into incident events: an
 * incident opens when a series leaves OK (or starts flapping), changes in place while it is away
 * from OK, and resolves when it is back to OK and not flapping.
 *
 * <pre>
 * SeriesEvaluator → SeriesChange → IncidentBook → IncidentEvent → incidents topic
 * </pre>
 *
 * <p>Not thread-safe; {@code CheckEngine} serialises access.
 */
public final class IncidentBook {
  /** Resolved incidents kept for the API; the oldest beyond this are forgotten. */
  static final int RESOLVED_KEPT = 10_000;

  private final Map<String, Incident> byId = new LinkedHashMap<>();
  private final Map<String, String> openIdBySeries = new HashMap<>();
  private int resolvedCount;
  private final List<Incident> forgotten = new ArrayList<>();

  /** Takes an incident as it was stored, e.g. read back from the incident-state topic. */
  public void restore(Incident incident) {
    put(incident);
  }

  public Optional<Incident> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Optional<Incident> openFor(String check, String series) {
    String id = openIdBySeries.get(key(check, series));
    return id == null ? Optional.empty() : Optional.of(byId.get(id));
  }

  /** Oldest first. */
  public List<Incident> all() {
    return List.copyOf(byId.values());
  }

  public List<Incident> open() {
    return byId.values().stream().filter(Incident::isOpen).toList();
  }

  /** The events {@code change} of {@code series} under {@code check} causes, in order. */
  public List<IncidentEvent> apply(Check check, String series, SeriesChange change, long now) {
    List<IncidentEvent> events = new ArrayList<>();
    Incident incident = openFor(check.name(), series).orElse(null);
    if (incident == null) {
      if (change.to() == SeriesState.OK && !change.flapping()) {
        return events;
      }
      incident =
          new Incident(
              IncidentIds.of(check.name(), series, now),
              check.name(),
              series,
              change.to(),
              check.severity(),
              check.labels(),
              check.describe(series, change.to(), change.value()),
              now,
              null,
              change.value(),
              false,
              0,
              change.flapping(),
              change.stateChanged() ? List.of(transition(change, now)) : List.of());
      events.add(event(Kind.OPENED, now, incident, check));
      if (change.flappingChanged()) {
        events.add(event(Kind.FLAPPING_STARTED, now, incident, check));
      }
      put(incident);
      return events;
    }
    if (change.stateChanged()) {
      List<IncidentTransition> history = new ArrayList<>(incident.history());
      history.add(transition(change, now));
      boolean resolves = change.to() == SeriesState.OK && !change.flapping();
      incident =
          copy(incident, change.to(), check.describe(series, change.to(), change.value()), history)
              .flapping(change.flapping())
              .resolvedAt(resolves ? now : null)
              .build();
      Kind kind =
          resolves
              ? Kind.RESOLVED
              : change.from() == SeriesState.WARNING && change.to() == SeriesState.CRITICAL
                  ? Kind.ESCALATED
                  : Kind.CHANGED;
      events.add(event(kind, now, incident, check));
    }
    if (change.flappingChanged()) {
      boolean resolves =
          incident.isOpen() && !change.flapping() && incident.state() == SeriesState.OK;
      incident =
          copy(incident, incident.state(), incident.description(), incident.history())
              .flapping(change.flapping())
              .resolvedAt(resolves ? Long.valueOf(now) : incident.resolvedAtMillis())
              .build();
      events.add(
          event(
              change.flapping() ? Kind.FLAPPING_STARTED : Kind.FLAPPING_STOPPED,
              now,
              incident,
              check));
      if (resolves) {
        events.add(event(Kind.RESOLVED, now, incident, check));
      }
    }
    put(incident);
    return events;
  }

  /**
   * Forgets every incident, open or resolved, of the given series: another engine now owns them.
   */
  public void drop(Collection<String> series) {
    removeIf(i -> series.contains(i.series()));
  }

  /** Forgets resolved incidents resolved before {@code cutoffMillis} and returns them. */
  public List<Incident> expireResolved(long cutoffMillis) {
    return removeIf(i -> !i.isOpen() && i.resolvedAtMillis() < cutoffMillis);
  }

  /**
   * The resolved incidents forgotten since the last call because more than {@value #RESOLVED_KEPT}
   * were kept.
   */
  public List<Incident> drainForgotten() {
    if (forgotten.isEmpty()) {
      // The engine asks after every point: nearly always nothing, and no copy is needed for that.
      return List.of();
    }
    List<Incident> drained = List.copyOf(forgotten);
    forgotten.clear();
    return drained;
  }

  private List<Incident> removeIf(Predicate<Incident> which) {
    List<Incident> removed = new ArrayList<>();
    Iterator<Incident> it = byId.values().iterator();
    while (it.hasNext()) {
      Incident incident = it.next();
      if (which.test(incident)) {
        it.remove();
        removed.add(incident);
        if (incident.isOpen()) {
          openIdBySeries.remove(key(incident.check(), incident.series()), incident.id());
        } else {
          resolvedCount--;
        }
      }
    }
    return removed;
  }

  /** Acknowledges an open incident; empty if there is no open incident with that id. */
  public Optional<IncidentEvent> acknowledge(String id, long now) {
    Incident incident = byId.get(id);
    if (incident == null || !incident.isOpen()) {
      return Optional.empty();
    }
    Incident acked = copy(incident).acknowledged(true).build();
    put(acked);
    return Optional.of(new IncidentEvent(Kind.ACKNOWLEDGED, now, false, acked));
  }

  /** Stops an open incident's events from paging for {@code duration}. */
  public Optional<IncidentEvent> silence(String id, Duration duration, long now) {
    Incident incident = byId.get(id);
    if (incident == null || !incident.isOpen()) {
      return Optional.empty();
    }
    Incident silenced = copy(incident).silencedUntil(now + duration.toMillis()).build();
    put(silenced);
    return Optional.of(new IncidentEvent(Kind.SILENCED, now, false, silenced));
  }

  /** Closes, without paging, the open incidents of checks no longer defined. */
  public List<IncidentEvent> closeAllBut(Collection<String> checkNames, long now) {
    List<IncidentEvent> events = new ArrayList<>();
    for (Incident incident : open()) {
      if (!checkNames.contains(incident.check())) {
        Incident closed = copy(incident).resolvedAt(now).build();
        put(closed);
        events.add(new IncidentEvent(Kind.RESOLVED, now, false, closed));
      }
    }
    return events;
  }

  private static IncidentEvent event(Kind kind, long now, Incident incident, Check check) {
    return new IncidentEvent(kind, now, pages(kind, incident, check, now), incident);
  }

  /** Whether a human should hear of it; see {@link IncidentEvent#pages()}. */
  private static boolean pages(Kind kind, Incident incident, Check check, long now) {
    if (kind == Kind.FLAPPING_STOPPED || incident.isSilencedAt(now)) {
      return false;
    }
    if (kind == Kind.FLAPPING_STARTED) {
      return true;
    }
    if (incident.flapping()) {
      return false;
    }
    boolean aboutMissingData =
        incident.state() == SeriesState.UNKNOWN
            || (kind == Kind.RESOLVED && lastFrom(incident) == SeriesState.UNKNOWN);
    return !aboutMissingData || check.noDataPages();
  }

  private static SeriesState lastFrom(Incident incident) {
    List<IncidentTransition> history = incident.history();
    return history.isEmpty() ? null : history.get(history.size() - 1).from();
  }

  private static IncidentTransition transition(SeriesChange change, long now) {
    return new IncidentTransition(now, change.from(), change.to(), change.value());
  }

  private void put(Incident incident) {
    Incident before = byId.put(incident.id(), incident);
    String key = key(incident.check(), incident.series());
    if (incident.isOpen()) {
      openIdBySeries.put(key, incident.id());
    } else {
      openIdBySeries.remove(key, incident.id());
      if (before == null || before.isOpen()) {
        resolvedCount++;
      }
    }
    forgetOldResolved();
  }

  private void forgetOldResolved() {
    Iterator<Incident> it = byId.values().iterator();
    while (resolvedCount > RESOLVED_KEPT && it.hasNext()) {
      Incident incident = it.next();
      if (!incident.isOpen()) {
        it.remove();
        resolvedCount--;
        forgotten.add(incident);
      }
    }
  }

  private static String key(String check, String series) {
    return check + '\0' + series;
  }

  private static IncidentCopy copy(Incident i) {
    return copy(i, i.state(), i.description(), i.history());
  }

  private static IncidentCopy copy(
      Incident i, SeriesState state, String description, List<IncidentTransition> history) {
    return new IncidentCopy(i, state, description, history);
  }
}
