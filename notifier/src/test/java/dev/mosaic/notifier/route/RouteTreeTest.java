package dev.mosaic.notifier.route;

import static dev.mosaic.notifier.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.GraphitePattern;
import dev.mosaic.contract.Incident;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTreeTest {
  private static final Incident API_PAGE =
      incident("api-latency", "stats.timers.api.login.upper_90", "page", Map.of("team", "api"));
  private static final Incident DB_TICKET =
      incident("disk-full", "servers.db1.disk.used", "ticket", Map.of("team", "db"));

  @Test
  void firstMatchingRouteWins() {
    RouteTree tree =
        new RouteTree(
            List.of(
                route(labels("team", "api"), List.of("api-pager"), false),
                route(RouteMatch.ANY, List.of("catch-all"), false)));

    assertThat(tree.receiversFor(API_PAGE)).containsExactly("api-pager");
    assertThat(tree.receiversFor(DB_TICKET)).containsExactly("catch-all");
  }

  @Test
  void continueAlsoTriesTheFollowingRoutes() {
    RouteTree tree =
        new RouteTree(
            List.of(
                route(RouteMatch.ANY, List.of("audit-log"), true),
                route(labels("team", "api"), List.of("api-pager"), false),
                route(RouteMatch.ANY, List.of("catch-all"), false)));

    assertThat(tree.receiversFor(API_PAGE)).containsExactly("audit-log", "api-pager");
  }

  @Test
  void everyConditionOfAMatchMustHold() {
    RouteMatch match =
        new RouteMatch(
            Map.of("team", "api"),
            GraphitePattern.compile("api-*"),
            Set.of("page"),
            GraphitePattern.compile("stats.timers.api.*.upper_90"));

    assertThat(match.test(API_PAGE)).isTrue();
    assertThat(match.test(incident("api-latency", API_PAGE.series(), "ticket", API_PAGE.labels())))
        .isFalse();
    assertThat(match.test(incident("web-latency", API_PAGE.series(), "page", API_PAGE.labels())))
        .isFalse();
    assertThat(
            match.test(
                incident("api-latency", "stats.timers.web.upper_90", "page", API_PAGE.labels())))
        .isFalse();
    assertThat(
            match.test(incident("api-latency", API_PAGE.series(), "page", Map.of("team", "web"))))
        .isFalse();
    assertThat(match.test(incident("api-latency", API_PAGE.series(), "page", Map.of()))).isFalse();
  }

  @Test
  void aMatchingChildReplacesItsParentsReceivers() {
    Route parent =
        new Route(
            1,
            labels("team", "api"),
            List.of("api-email"),
            false,
            List.of(route(severity("page"), List.of("api-pager"), false)));
    RouteTree tree = new RouteTree(List.of(parent));

    assertThat(tree.receiversFor(API_PAGE)).containsExactly("api-pager");
    assertThat(tree.receiversFor(incident("api-latency", "x", "ticket", Map.of("team", "api"))))
        .containsExactly("api-email");
    assertThat(tree.receiversFor(DB_TICKET)).isEmpty();
  }

  @Test
  void aReceiverNamedByTwoRoutesIsChosenOnce() {
    RouteTree tree =
        new RouteTree(
            List.of(
                route(RouteMatch.ANY, List.of("ops"), true),
                route(RouteMatch.ANY, List.of("ops", "audit"), false)));

    assertThat(tree.receiversFor(DB_TICKET)).containsExactly("ops", "audit");
  }

  private static Route route(RouteMatch match, List<String> receivers, boolean continueMatching) {
    return new Route(1, match, receivers, continueMatching, List.of());
  }

  private static RouteMatch labels(String name, String value) {
    return new RouteMatch(Map.of(name, value), null, Set.of(), null);
  }

  private static RouteMatch severity(String severity) {
    return new RouteMatch(Map.of(), null, Set.of(severity), null);
  }
}
