package dev.mosaic.notifier.webhook;

import dev.mosaic.notifier.webhook.DeliveryAttempts.AttemptResult;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Posts one notification to one webhook, signed and with its idempotency key, retrying ({@link
 * DeliveryAttempts}) on 5xx, 408, 429, timeouts and connection errors until it is delivered,
 * rejected, the attempts run out or the notifier stops. Thread-safe; each call blocks for its
 * retries.
 *
 * <pre>
 * Notification + WebhookReceiver → WebhookDeliverer (DeliveryAttempts) → HTTP POST (signed, keyed)
 * </pre>
 */
public final class WebhookDeliverer {
  /** The header that carries {@link Notification#idempotencyKey()}. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private static final int MAX_LOGGED_BODY = 500;

  private final HttpClient client;
  private final Duration requestTimeout;
  private final DeliveryAttempts attempts;

  /**
   * @param attempts the retry loop, shared with the other receiver kinds
   */
  public WebhookDeliverer(HttpClient client, Duration requestTimeout, DeliveryAttempts attempts) {
    this.client = Objects.requireNonNull(client);
    this.requestTimeout = Objects.requireNonNull(requestTimeout);
    this.attempts = Objects.requireNonNull(attempts);
  }

  public DeliveryResult deliver(WebhookReceiver receiver, Notification notification) {
    HttpRequest request =
        HttpRequest.newBuilder(receiver.url())
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header(
                WebhookSigner.HEADER, WebhookSigner.sign(receiver.secret(), notification.body()))
            .header(IDEMPOTENCY_HEADER, notification.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofByteArray(notification.body()))
            .build();
    return attempts.run(receiver.name(), notification.idempotencyKey(), () -> post(request));
  }

  private AttemptResult post(HttpRequest request) throws InterruptedException {
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return AttemptResult.retryable(0, "unreachable: " + e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return AttemptResult.accepted(status);
    }
    if (retryable(status)) {
      return AttemptResult.retryable(status, "HTTP " + status);
    }
    return AttemptResult.refused(status, "HTTP " + status + ": " + truncated(response.body()));
  }

  /** Server errors, timeouts and throttling pass; other client errors would fail again. */
  private static boolean retryable(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  private static String truncated(String body) {
    return body.length() <= MAX_LOGGED_BODY ? body : body.substring(0, MAX_LOGGED_BODY) + "…";
  }
}
