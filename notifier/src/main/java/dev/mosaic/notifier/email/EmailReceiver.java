package dev.mosaic.notifier.email;

import java.util.List;
import java.util.Objects;

/**
 * A mailbox (or several) that incidents are mailed to, as declared in the routes file.
 *
 * @param name how routes refer to it
 * @param to recipient addresses; not empty
 * @param from the sender address
 * @param smtpHost the SMTP server
 * @param smtpPort its port
 * @param startTls whether to upgrade the connection with STARTTLS, and to refuse to send without it
 * @param username the SMTP AUTH user; null for no authentication
 * @param password the SMTP AUTH password; null exactly when {@code username} is
 */
public record EmailReceiver(
    String name,
    List<String> to,
    String from,
    String smtpHost,
    int smtpPort,
    boolean startTls,
    String username,
    String password) {
  public EmailReceiver {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(smtpHost, "smtpHost");
    to = List.copyOf(to);
    if (to.isEmpty()) {
      throw new IllegalArgumentException("an email receiver needs at least one address");
    }
    if (smtpPort < 1 || smtpPort > 65_535) {
      throw new IllegalArgumentException("not a port: " + smtpPort);
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("username and password go together");
    }
  }

  /** Leaves the password out, so that logging a receiver never leaks it. */
  @Override
  public String toString() {
    return "EmailReceiver[" + name + " " + to + " via " + smtpHost + ":" + smtpPort + "]";
  }
}
