package dev.mosaic.notifier.route;

import dev.mosaic.contract.Incident;
import java.util.List;
import java.util.Set;

/**
 * One node of the routing tree: an incident that matches it goes to its first matching children
 * (several with {@code continue}), or to its own receivers when no child matches.
 *
 * <pre>
 * RouteTree → Route → (child Routes | receivers)
 * </pre>
 *
 * @param line where the route starts in its file, for log messages
 * @param match what the route requires
 * @param receivers receiver names, used when no child matches
 * @param continueMatching whether siblings after this route are still tried once it matched
 * @param children more specific routes, tried in order
 */
public record Route(
    int line,
    RouteMatch match,
    List<String> receivers,
    boolean continueMatching,
    List<Route> children) {
  public Route {
    receivers = List.copyOf(receivers);
    children = List.copyOf(children);
  }

  /**
   * Adds the receivers this route chooses for {@code incident} to {@code chosen}.
   *
   * @return whether the route matched
   */
  boolean route(Incident incident, Set<String> chosen) {
    if (!match.test(incident)) {
      return false;
    }
    if (!RouteTree.routeAmong(children, incident, chosen)) {
      chosen.addAll(receivers);
    }
    return true;
  }
}
