package dev.mosaic.notifier;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentTransition;
import dev.mosaic.contract.SeriesState;
import java.util.List;
import java.util.Map;

/** Incidents and events for tests, with only the fields a test cares about to choose. */
public final class TestIncidents {
  private TestIncidents() {}

  public static Incident incident(
      String check, String series, String severity, Map<String, String> labels) {
    return new Incident(
        "inc-" + check + "-" + series,
        check,
        series,
        SeriesState.CRITICAL,
        severity,
        labels,
        check + ": " + series + " is critical at 612.5",
        1_700_000_000_000L,
        null,
        612.5,
        false,
        0,
        false,
        List.of(
            new IncidentTransition(
                1_700_000_000_000L, SeriesState.OK, SeriesState.CRITICAL, 612.5)));
  }

  public static IncidentEvent opened(Incident incident) {
    return new IncidentEvent(IncidentEvent.Kind.OPENED, incident.openedAtMillis(), true, incident);
  }
}
