package dev.mosaic.notifier.email;

import java.util.Objects;

/**
 * One email as composed for sending.
 *
 * @param subject one line
 * @param body plain text, UTF-8
 * @param idempotencyKey the same key a webhook would carry, sent as the {@code Idempotency-Key}
 *     header
 */
public record EmailMessage(String subject, String body, String idempotencyKey) {
  public EmailMessage {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }
}
