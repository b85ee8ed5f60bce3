package dev.mosaic.notifier.route;

import dev.mosaic.contract.Incident;
import dev.mosaic.notifier.group.Grouping;
import java.util.List;

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
 * @param receivers receiver names or {@code oncall:<schedule>}, used when no child matches
 * @param continueMatching whether siblings after this route are still tried once it matched
 * @param children more specific routes, tried in order
 * @param escalation the escalation policy's name; {@code null} for none. Children inherit their
 *     parent's unless they name their own.
 * @param grouping how incidents on this route are grouped; {@code null} for one notification per
 *     event. Children inherit it, field by field.
 */
public record Route(
    int line,
    RouteMatch match,
    List<String> receivers,
    boolean continueMatching,
    List<Route> children,
    String escalation,
    Grouping grouping) {
  public Route {
    receivers = List.copyOf(receivers);
    children = List.copyOf(children);
  }

  /** A route without escalation or grouping. */
  public Route(
      int line,
      RouteMatch match,
      List<String> receivers,
      boolean continueMatching,
      List<Route> children) {
    this(line, match, receivers, continueMatching, children, null, null);
  }

  /**
   * Adds the routes whose receivers {@code incident} goes to (this one or descendants) to {@code
   * used}.
   *
   * @return whether the route matched
   */
  boolean route(Incident incident, List<Route> used) {
    if (!match.test(incident)) {
      return false;
    }
    if (!RouteTree.routeAmong(children, incident, used)) {
      used.add(this);
    }
    return true;
  }
}
