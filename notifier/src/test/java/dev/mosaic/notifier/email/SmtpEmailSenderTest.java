package dev.mosaic.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mosaic.notifier.MutableClock;
import dev.mosaic.notifier.webhook.Backoff;
import dev.mosaic.notifier.webhook.DeliveryAttempts;
import dev.mosaic.notifier.webhook.DeliveryOutcome;
import dev.mosaic.notifier.webhook.DeliveryResult;
import dev.mosaic.notifier.webhook.StopSignal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpEmailSenderTest {
  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("mosaic", "s3cret"));

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00Z"));

  private SmtpEmailSender sender(int maxAttempts) {
    return new SmtpEmailSender(
        Duration.ofSeconds(5),
        clock,
        new DeliveryAttempts(
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), () -> 0),
            maxAttempts,
            new StopSignal(),
            meters));
  }

  private static EmailReceiver receiver(int port, String user, String password) {
    return new EmailReceiver(
        "mail",
        List.of("ops@example.org", "lead@example.org"),
        "mosaic@example.org",
        "127.0.0.1",
        port,
        false,
        user,
        password);
  }

  private static final EmailMessage MESSAGE =
      new EmailMessage(
          "[mosaic] OPENED CRITICAL api on s — ü", "line one\nline two ✓\n", "i/1/opened/5");

  @Test
  void sendsSubjectBodyAndIdempotencyKeyToEveryRecipientWithAuth() throws Exception {
    DeliveryResult result =
        sender(1).send(receiver(SMTP.getSmtp().getPort(), "mosaic", "s3cret"), MESSAGE);

    assertThat(result).isEqualTo(new DeliveryResult(DeliveryOutcome.DELIVERED, 1, 250));
    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(2); // one copy per recipient mailbox
    MimeMessage mail = received[0];
    assertThat(mail.getSubject()).isEqualTo("[mosaic] OPENED CRITICAL api on s — ü");
    assertThat(GreenMailUtil.getBody(mail)).contains("line two");
    // SMTP carries lines ending in CRLF, and the last line break belongs to the end of data.
    assertThat(mail.getContent().toString().replace("\r\n", "\n").stripTrailing())
        .isEqualTo("line one\nline two ✓");
    assertThat(mail.getHeader(SmtpEmailSender.IDEMPOTENCY_HEADER)).containsExactly("i/1/opened/5");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("mosaic@example.org");
    assertThat(mail.getRecipients(Message.RecipientType.TO))
        .extracting(Object::toString)
        .containsExactly("ops@example.org", "lead@example.org");
    assertThat(mail.getSentDate()).isEqualTo(Date.from(clock.instant()));
  }

  @Test
  void wrongCredentialsAreRejectedWithoutRetrying() {
    DeliveryResult result =
        sender(5).send(receiver(SMTP.getSmtp().getPort(), "mosaic", "wrong"), MESSAGE);

    assertThat(result.outcome()).isEqualTo(DeliveryOutcome.REJECTED);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void aServerThatIsNotThereIsRetriedThenGivenUp() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    DeliveryResult result = sender(3).send(receiver(closedPort, null, null), MESSAGE);

    assertThat(result).isEqualTo(new DeliveryResult(DeliveryOutcome.GAVE_UP, 3, 0));
    assertThat(meters.counter("mosaic.notifier.delivery.retries", "receiver", "mail").count())
        .isEqualTo(2.0);
  }
}
