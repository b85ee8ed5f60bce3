package dev.mosaic.stateengine.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckFileParserTest {
  private final CheckFileParser parser = new CheckFileParser();

  @Test
  void readsEveryField() throws Exception {
    String yaml =
        """
        checks:
          - name: api-latency-p90
            pattern: stats.timers.api.*.upper_90
            direction: above
            warning: 250
            critical: 500
            recovery:
              warning: 200
              critical: 400
            for: 3
            no-data:
              after: 5m
              pages: true
            flapping: {low: 10, high: 30}
            severity: ticket
            labels:
              team: api
              runbook: https://runbooks.example/api-latency
            description: "{series} p90 is {value} ms"
          - name: disk
            pattern: stats.gauges.{db,web}*.disk_free
            direction: below
            critical: 5
        """;

    List<Check> checks = parser.parse("checks/api.yaml", yaml);

    Check first = checks.get(0);
    assertThat(first.name()).isEqualTo("api-latency-p90");
    assertThat(first.source()).isEqualTo("checks/api.yaml:2");
    assertThat(first.pattern().toString()).isEqualTo("stats.timers.api.*.upper_90");
    assertThat(first.direction()).isEqualTo(Direction.ABOVE);
    assertThat(first.warning()).isEqualTo(new Threshold(250, 200));
    assertThat(first.critical()).isEqualTo(new Threshold(500, 400));
    assertThat(first.forIntervals()).isEqualTo(3);
    assertThat(first.noDataAfter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(first.noDataPages()).isTrue();
    assertThat(first.flapLowPercent()).isEqualTo(10);
    assertThat(first.flapHighPercent()).isEqualTo(30);
    assertThat(first.severity()).isEqualTo("ticket");
    assertThat(first.labels())
        .isEqualTo(Map.of("team", "api", "runbook", "https://runbooks.example/api-latency"));
    assertThat(first.description()).isEqualTo("{series} p90 is {value} ms");

    Check second = checks.get(1);
    assertThat(second.source()).isEqualTo("checks/api.yaml:20");
    assertThat(second.direction()).isEqualTo(Direction.BELOW);
    assertThat(second.warning()).isNull();
    assertThat(second.critical()).isEqualTo(new Threshold(5, 5));
    assertThat(second.forIntervals()).isEqualTo(1);
    assertThat(second.noDataAfter()).isNull();
    assertThat(second.noDataPages()).isFalse();
    assertThat(second.flapLowPercent()).isEqualTo(5);
    assertThat(second.flapHighPercent()).isEqualTo(20);
    assertThat(second.severity()).isEqualTo("page");
    assertThat(second.labels()).isEmpty();
    assertThat(second.description()).isEqualTo("{check}: {series} is {state} at {value}");
  }

  @Test
  void anEmptyFileHoldsNoChecks() throws Exception {
    assertThat(parser.parse("empty.yaml", "")).isEmpty();
    assertThat(parser.parse("empty.yaml", "checks:\n")).isEmpty();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          warnign: 3                       | f.yaml:5: 'warnign': unknown field
          critical: lots                   | f.yaml:5: 'critical' must be a number
          critical: 1                      | f.yaml:3: 'warning': must not be beyond 'critical'
          direction: sideways              | f.yaml:5: 'direction': must be 'above' or 'below'
          for: 0                           | f.yaml:5: 'for': must be a whole number of at least 1
          recovery: {warning: 20}          | f.yaml:5: 'recovery': warning recovery must not be beyond
          recovery: {critical: 1}          | f.yaml:5: 'recovery': has 'critical' but the check has no
          recovery: {warn: 1}              | f.yaml:5: 'recovery': unknown field 'warn'
          no-data: {after: 5 minutes}      | f.yaml:5: 'no-data': '5 minutes' is not a duration
          flapping: {low: 30, high: 20}    | f.yaml:5: 'flapping': needs 0 <= low < high <= 100
          severity: urgent                 | f.yaml:5: 'severity': must be 'page', 'ticket' or 'info'
          labels: [a, b]                   | f.yaml:5: 'labels': must be a mapping
          pattern: 'a.{b'                  | f.yaml:5: 'pattern': '{' is never closed
          """)
  void aBadFieldIsNamedWithItsLine(String field, String message) {
    String yaml =
        "checks:\n"
            + "  - name: ok\n"
            + "    warning: 10\n"
            + (field.startsWith("pattern") ? "    severity: page\n" : "    pattern: a.b\n")
            + "    "
            + field
            + "\n";

    assertThatThrownBy(() -> parser.parse("f.yaml", yaml))
        .isInstanceOf(CheckFileException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aCheckWithoutThresholdsIsNamed() {
    assertThatThrownBy(() -> parser.parse("f.yaml", "checks:\n  - name: x\n    pattern: a\n"))
        .isInstanceOf(CheckFileException.class)
        .hasMessage("f.yaml:2: 'name': check 'x' needs a 'warning' or a 'critical' threshold");
  }

  @Test
  void aCheckWithoutNameIsRejectedAtItsFirstLine() {
    assertThatThrownBy(() -> parser.parse("f.yaml", "checks:\n  - pattern: a\n    critical: 1\n"))
        .isInstanceOf(CheckFileException.class)
        .hasMessageStartingWith("f.yaml:2: 'name': every check needs a name");
  }

  @Test
  void brokenYamlNamesTheLine() {
    assertThatThrownBy(
            () ->
                parser.parse("f.yaml", "checks:\n  - name: a\n    pattern: [unclosed\n    x: 1\n"))
        .isInstanceOf(CheckFileException.class)
        .hasMessageStartingWith("f.yaml:")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void anUnknownTopLevelKeyIsRejected() {
    assertThatThrownBy(() -> parser.parse("f.yaml", "chekcs:\n  - name: a\n"))
        .isInstanceOf(CheckFileException.class)
        .hasMessage("f.yaml:1: unknown top-level key 'chekcs'");
  }
}
