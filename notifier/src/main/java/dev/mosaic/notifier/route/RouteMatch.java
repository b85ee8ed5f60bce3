package dev.mosaic.notifier.route;

import dev.mosaic.contract.GraphitePattern;
import dev.mosaic.contract.Incident;
import java.util.Map;
import java.util.Set;

/**
 * What a route requires of an incident; every condition given must hold, and an absent one holds
 * always.
 *
 * <pre>
 * RouteTree → Route → RouteMatch.test(incident)
 * </pre>
 *
 * @param labels labels the incident must carry with exactly these values
 * @param check pattern over the check's name; {@code null} for any
 * @param severities the severities accepted; empty for any
 * @param metric pattern over the series' Graphite path; {@code null} for any
 */
public record RouteMatch(
    Map<String, String> labels,
    GraphitePattern check,
    Set<String> severities,
    GraphitePattern metric) {
  public static final RouteMatch ANY = new RouteMatch(Map.of(), null, Set.of(), null);

  public RouteMatch {
    labels = Map.copyOf(labels);
    severities = Set.copyOf(severities);
  }

  public boolean test(Incident incident) {
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!label.getValue().equals(incident.labels().get(label.getKey()))) {
        return false;
      }
    }
    return (check == null || check.matches(incident.check()))
        && (severities.isEmpty() || severities.contains(incident.severity()))
        && (metric == null || metric.matches(incident.series()));
  }
}
