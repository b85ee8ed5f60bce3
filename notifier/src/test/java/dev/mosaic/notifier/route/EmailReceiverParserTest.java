package dev.mosaic.notifier.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.notifier.email.EmailReceiver;
import dev.mosaic.notifier.ratelimit.RateLimit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailReceiverParserTest {
  private final RoutesFileParser parser =
      new RoutesFileParser(name -> name.equals("SMTP_PASSWORD") ? "from-env" : null);

  @Test
  void parsesEmailReceiversBesideWebhooksInOneNameSpace() throws Exception {
    Routing routing =
        parser.parse(
            "f.yaml",
            """
            receivers:
              - name: ops-mail
                type: email
                to: [ops@example.org, lead@example.org]
                from: mosaic@example.org
                smtp-host: smtp.example.org
                smtp-port: 587
                starttls: true
                username: mosaic
                password-env: SMTP_PASSWORD
                rate-limit: 10/min
              - {name: plain, type: email, to: a@example.org, from: m@example.org,
                 smtp-host: localhost}
              - {name: hook, url: 'http://h/', secret: s}
            schedules:
              - {name: p, time-zone: UTC, hand-off: "09:00", shift: daily, start: 2024-01-01,
                 members: [ops-mail, hook]}
            routes:
              - receivers: [ops-mail, oncall:p]
            """);

    assertThat(routing.emails().get("ops-mail"))
        .isEqualTo(
            new EmailReceiver(
                "ops-mail",
                List.of("ops@example.org", "lead@example.org"),
                "mosaic@example.org",
                "smtp.example.org",
                587,
                true,
                "mosaic",
                "from-env"));
    assertThat(routing.emails().get("plain").smtpPort()).isEqualTo(25);
    assertThat(routing.emails().get("plain").username()).isNull();
    assertThat(routing.rateLimits()).containsOnlyKeys("ops-mail");
    assertThat(routing.rateLimits().get("ops-mail")).isEqualTo(RateLimit.parse("10/min"));
    assertThat(routing.receivers()).containsOnlyKeys("hook");
    assertThat(routing.emails().get("ops-mail").toString()).doesNotContain("from-env");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad address | to: 'not an address', from: m@example.org, smtp-host: h"
            + " | f.yaml:2: 'not an address' is not an email address",
        "no to | from: m@example.org, smtp-host: h | f.yaml:2: email receiver 'x' needs to",
        "no host | to: a@example.org, from: m@example.org"
            + " | f.yaml:2: an email receiver needs a smtp-host",
        "bad port | to: a@example.org, from: m@example.org, smtp-host: h, smtp-port: 70000"
            + " | f.yaml:2: smtp-port must be 1 to 65535, not '70000'",
        "user without password | to: a@example.org, from: m@example.org, smtp-host: h,"
            + " username: u | f.yaml:2: email receiver 'x': username and a password go together",
        "unset env | to: a@example.org, from: m@example.org, smtp-host: h, username: u,"
            + " password-env: NOPE | f.yaml:2: environment variable NOPE is not set",
        "webhook field | to: a@example.org, from: m@example.org, smtp-host: h, url: 'http://h/'"
            + " | f.yaml:2: unknown field 'url' in an email receiver",
        "bad rate limit | to: a@example.org, from: m@example.org, smtp-host: h, rate-limit: lots"
            + " | f.yaml:2: rate-limit must look like 10/min",
        "same name as a webhook | to: a@example.org, from: m@example.org, smtp-host: h}\\n"
            + "  - {name: x, url: 'http://h/', secret: s"
            + " | f.yaml:3: receiver 'x' is declared twice",
      })
  void rejectsBrokenEmailReceiversWithFileAndLine(String what, String fields, String message) {
    String text = "receivers:\n  - {name: x, type: email, " + fields.replace("\\n", "\n") + "}\n";

    assertThatThrownBy(() -> parser.parse("f.yaml", text))
        .isInstanceOf(RoutesFileException.class)
        .hasMessageStartingWith(message);
  }
}
