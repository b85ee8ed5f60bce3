package dev.mosaic.notifier.email;

import dev.mosaic.notifier.webhook.DeliveryAttempts;
import dev.mosaic.notifier.webhook.DeliveryAttempts.AttemptResult;
import dev.mosaic.notifier.webhook.DeliveryResult;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends one email over SMTP with Jakarta Mail (Eclipse Angus), retrying ({@link DeliveryAttempts})
 * on connection errors, timeouts and temporary (4xx) SMTP answers until it is accepted, refused for
 * good, the attempts run out or the notifier stops. Thread-safe; each call blocks for its retries.
 *
 * <pre>
 * EmailMessage + EmailReceiver → SmtpEmailSender (DeliveryAttempts) → SMTP (STARTTLS, AUTH optional) → mailbox
 * </pre>
 */
public final class SmtpEmailSender {
  /** The header that carries {@link EmailMessage#idempotencyKey()}. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final Duration timeout;
  private final Clock clock;
  private final DeliveryAttempts attempts;

  /**
   * @param timeout connect, read and write timeout of the SMTP connection
   * @param clock dates each message
   * @param attempts the retry loop, shared with the other receiver kinds
   */
  public SmtpEmailSender(Duration timeout, Clock clock, DeliveryAttempts attempts) {
    this.timeout = Objects.requireNonNull(timeout);
    this.clock = Objects.requireNonNull(clock);
    this.attempts = Objects.requireNonNull(attempts);
  }

  public DeliveryResult send(EmailReceiver receiver, EmailMessage email) {
    Session session = Session.getInstance(properties(receiver));
    return attempts.run(
        receiver.name(), email.idempotencyKey(), () -> transmit(session, receiver, email));
  }

  private AttemptResult transmit(Session session, EmailReceiver receiver, EmailMessage email) {
    try {
      MimeMessage message = message(session, receiver, email);
      if (receiver.username() == null) {
        Transport.send(message);
      } else {
        Transport.send(message, receiver.username(), receiver.password());
      }
      // Transport.send returns only once the server said 250 to the end of the data.
      return AttemptResult.accepted(250);
    } catch (MessagingException e) {
      int code = smtpCode(e);
      return permanent(e, code)
          ? AttemptResult.refused(code, e.toString())
          : AttemptResult.retryable(code, e.toString());
    }
  }

  private Properties properties(EmailReceiver receiver) {
    Properties props = new Properties();
    String millis = Long.toString(timeout.toMillis());
    props.put("mail.smtp.host", receiver.smtpHost());
    props.put("mail.smtp.port", Integer.toString(receiver.smtpPort()));
    props.put("mail.smtp.connectiontimeout", millis);
    props.put("mail.smtp.timeout", millis);
    props.put("mail.smtp.writetimeout", millis);
    if (receiver.startTls()) {
      props.put("mail.smtp.starttls.enable", "true");
      // Without it a server that does not offer STARTTLS would get the password in clear text.
      props.put("mail.smtp.starttls.required", "true");
    }
    if (receiver.username() != null) {
      props.put("mail.smtp.auth", "true");
    }
    return props;
  }

  private MimeMessage message(Session session, EmailReceiver receiver, EmailMessage email)
      throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(receiver.from(), true));
    message.setRecipients(
        Message.RecipientType.TO, InternetAddress.parse(String.join(",", receiver.to()), true));
    message.setSubject(email.subject(), "UTF-8");
    message.setText(email.body(), "UTF-8");
    message.setSentDate(Date.from(clock.instant()));
    message.setHeader(IDEMPOTENCY_HEADER, email.idempotencyKey());
    return message;
  }

  /** The SMTP reply code in the exception, 0 if there is none. */
  private static int smtpCode(MessagingException e) {
    for (Exception cause = e; cause != null; ) {
      if (cause instanceof SMTPSendFailedException smtp) {
        return smtp.getReturnCode();
      }
      cause = cause instanceof MessagingException m ? m.getNextException() : null;
    }
    return 0;
  }

  /**
   * A 5xx answer, refused credentials or addresses will fail again; a 4xx answer or a connection
   * problem may not.
   */
  private static boolean permanent(MessagingException e, int code) {
    if (code >= 500) {
      return true;
    }
    if (code >= 400) {
      return false;
    }
    return e instanceof AuthenticationFailedException || e instanceof SendFailedException;
  }
}
