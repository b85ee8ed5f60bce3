package dev.mosaic.notifier.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.contract.GraphitePattern;
import dev.mosaic.notifier.group.Grouping;
import dev.mosaic.notifier.webhook.ReceiverFormat;
import dev.mosaic.notifier.webhook.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutesFileParserTest {
  private final RoutesFileParser parser =
      new RoutesFileParser(name -> name.equals("PAGER_SECRET") ? "from-env" : null);

  private static final String RECEIVERS =
      """
      receivers:
        - name: api-pager
          url: https://hooks.example/api
          secret-env: PAGER_SECRET
        - name: catch-all
          url: http://127.0.0.1:9000/hook
          secret: s3cret
      """;

  @Test
  void parsesReceiversAndANestedTree() throws Exception {
    Routing routing =
        parser.parse(
            "notifier.yaml",
            RECEIVERS
                + """
                routes:
                  - match:
                      labels: {team: api}
                      check: api-*
                      severity: [page, ticket]
                      metric: stats.timers.api.*.upper_90
                    receivers: [api-pager]
                    continue: true
                    routes:
                      - match: {severity: page}
                        receivers: [catch-all]
                  - receivers: [catch-all]
                """);

    assertThat(routing.receivers())
        .isEqualTo(
            Map.of(
                "api-pager",
                new WebhookReceiver(
                    "api-pager", URI.create("https://hooks.example/api"), "from-env"),
                "catch-all",
                new WebhookReceiver(
                    "catch-all", URI.create("http://127.0.0.1:9000/hook"), "s3cret")));
    RouteMatch apiMatch =
        new RouteMatch(
            Map.of("team", "api"),
            GraphitePattern.compile("api-*"),
            Set.of("page", "ticket"),
            GraphitePattern.compile("stats.timers.api.*.upper_90"));
    Route child =
        new Route(
            17,
            new RouteMatch(Map.of(), null, Set.of("page"), null),
            List.of("catch-all"),
            false,
            List.of());
    assertThat(routing.tree())
        .isEqualTo(
            new RouteTree(
                List.of(
                    new Route(9, apiMatch, List.of("api-pager"), true, List.of(child)),
                    new Route(19, RouteMatch.ANY, List.of("catch-all"), false, List.of()))));
  }

  @Test
  void aPagerDutyReceiverNeedsARoutingKeyAndDefaultsItsUrl() throws Exception {
    Routing routing =
        parser.parse(
            "f.yaml",
            "receivers:\n"
                + "  - {name: pd, type: pagerduty, routing-key: R0UTING, secret: s}\n"
                + "  - {name: chat, type: slack, url: 'https://hooks.slack.example/x', secret: s}\n");

    assertThat(routing.receivers().get("pd"))
        .isEqualTo(
            new WebhookReceiver(
                "pd",
                URI.create("https://events.pagerduty.com/v2/enqueue"),
                "s",
                ReceiverFormat.PAGERDUTY,
                "R0UTING"));
    assertThat(routing.receivers().get("chat").format()).isEqualTo(ReceiverFormat.SLACK);
    assertThatThrownBy(
            () ->
                parser.parse("f.yaml", "receivers:\n  - {name: pd, type: pagerduty, secret: s}\n"))
        .hasMessage(
            "f.yaml:2: receiver 'pd': routing-key is required for pagerduty, and only for it");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "f.yaml",
                    "receivers:\n  - {name: x, type: sms, url: 'http://h/', secret: s}\n"))
        .hasMessage("f.yaml:2: type must be webhook, slack, pagerduty or email, not 'sms'");
  }

  @Test
  void groupingDefaultsToAlertmanagersTimesAndChildrenInheritFieldByField() throws Exception {
    Routing routing =
        parser.parse(
            "notifier.yaml",
            RECEIVERS
                + """
                routes:
                  - group-by: [check]
                    group-wait: 10s
                    routes:
                      - match: {severity: page}
                        receivers: [api-pager]
                        repeat-interval: 1h
                      - receivers: [catch-all]
                        group-by: [check, team]
                  - receivers: [catch-all]
                """);

    List<Route> top = routing.tree().routes();
    assertThat(top.get(0).children().get(0).grouping())
        .isEqualTo(
            new Grouping(
                List.of("check"),
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                Duration.ofHours(1)));
    assertThat(top.get(0).children().get(1).grouping())
        .isEqualTo(
            new Grouping(
                List.of("check", "team"),
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                Duration.ofHours(4)));
    assertThat(top.get(1).grouping()).isNull();
  }

  @Test
  void anEmptyFileRoutesNothing() throws Exception {
    assertThat(parser.parse("notifier.yaml", "")).isEqualTo(Routing.EMPTY);
    assertThat(parser.parse("notifier.yaml", "# nothing yet\n")).isEqualTo(Routing.EMPTY);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown route field | routes:\\n  - receivers: [catch-all]\\n    recievers: [x]"
            + " | notifier.yaml:10: unknown field 'recievers' in a route"
            + " (known: continue, escalation, group-by, group-interval, group-wait, match,"
            + " receivers, repeat-interval, routes)",
        "unknown receiver | routes:\\n  - receivers: [nobody]"
            + " | notifier.yaml:9: no receiver is named 'nobody'",
        "wait without group-by | routes:\\n  - receivers: [catch-all]\\n    group-wait: 10s"
            + " | notifier.yaml:10: group-wait needs group-by on this route or a parent",
        "zero interval | routes:\\n  - receivers: [catch-all]\\n    group-by: [check]"
            + "\\n    group-interval: 0s"
            + " | notifier.yaml:11: group-interval must be positive",
        "route without receivers | routes:\\n  - match: {severity: page}"
            + " | notifier.yaml:9: a route needs receivers or routes",
        "bad pattern | routes:\\n  - receivers: [catch-all]\\n    match: {metric: 'a.{b'}"
            + " | notifier.yaml:10: bad metric pattern 'a.{b': '{' is never closed",
        "bad continue | routes:\\n  - receivers: [catch-all]\\n    continue: maybe"
            + " | notifier.yaml:10: continue must be true or false, not 'maybe'",
        "routes not a list | routes: {receivers: [catch-all]}"
            + " | notifier.yaml:8: routes must be a list",
        "route not a mapping | routes:\\n  - catch-all"
            + " | notifier.yaml:9: a route must be a mapping",
        "invalid YAML | routes:\\n  - receivers: [catch-all\\n"
            + " | notifier.yaml:10: invalid YAML: expected ',' or ']', but got <stream end>",
      })
  void rejectsMistakesWithFileAndLine(String what, String routes, String message) {
    String text = RECEIVERS + routes.replace("\\n", "\n");

    assertThatThrownBy(() -> parser.parse("notifier.yaml", text))
        .isInstanceOf(RoutesFileException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "duplicate name | receivers:\\n  - {name: a, url: 'http://h/', secret: s}\\n"
            + "  - {name: a, url: 'http://h/', secret: s}"
            + " | f.yaml:3: receiver 'a' is declared twice",
        "no secret | receivers:\\n  - {name: a, url: 'http://h/'}"
            + " | f.yaml:2: receiver 'a' needs exactly one of secret, secret-env",
        "unset env | receivers:\\n  - {name: a, url: 'http://h/', secret-env: NOPE}"
            + " | f.yaml:2: environment variable NOPE is not set",
        "relative url | receivers:\\n  - {name: a, url: '/hook', secret: s}"
            + " | f.yaml:2: '/hook' is not an absolute http or https URL",
        "ftp url | receivers:\\n  - {name: a, url: 'ftp://h/', secret: s}"
            + " | f.yaml:2: 'ftp://h/' is not an absolute http or https URL",
        "no name | receivers:\\n  - {url: 'http://h/', secret: s}"
            + " | f.yaml:2: a receiver needs a name",
        "duplicate key | receivers: []\\nreceivers: []" + " | f.yaml:2: 'receivers' appears twice",
        "unknown top field | route: []"
            + " | f.yaml:1: unknown field 'route' in the file (known: escalations, receivers, routes, schedules)",
      })
  void rejectsBrokenReceivers(String what, String text, String message) {
    assertThatThrownBy(() -> parser.parse("f.yaml", text.replace("\\n", "\n")))
        .isInstanceOf(RoutesFileException.class)
        .hasMessageStartingWith(message);
  }
}
