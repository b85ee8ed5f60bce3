package dev.mosaic.notifier.route;

import dev.mosaic.contract.Incident;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the receivers of an incident: the top-level routes are tried in order, the first match
 * wins unless it says {@code continue}, and inside a matching route its children are tried the same
 * way before its own receivers.
 *
 * <pre>
 * IncidentEvent → RouteTree.receiversFor → receiver names → WebhookDeliverer
 * </pre>
 */
public record RouteTree(List<Route> routes) {
  public static final RouteTree EMPTY = new RouteTree(List.of());

  public RouteTree {
    routes = List.copyOf(routes);
  }

  /**
   * Receiver names (and {@code oncall:} targets) in the order routes named them, each once; empty
   * when nothing matches.
   */
  public List<String> receiversFor(Incident incident) {
    Set<String> chosen = new LinkedHashSet<>();
    for (Route route : routesFor(incident)) {
      chosen.addAll(route.receivers());
    }
    return new ArrayList<>(chosen);
  }

  /** The routes whose own receivers the incident goes to, in order; empty when nothing matches. */
  public List<Route> routesFor(Incident incident) {
    List<Route> used = new ArrayList<>();
    routeAmong(routes, incident, used);
    return used;
  }

  /** Whether any of {@code siblings} matched. */
  static boolean routeAmong(List<Route> siblings, Incident incident, List<Route> used) {
    boolean matched = false;
    for (Route route : siblings) {
      if (route.route(incident, used)) {
        matched = true;
        if (!route.continueMatching()) {
          break;
        }
      }
    }
    return matched;
  }
}
