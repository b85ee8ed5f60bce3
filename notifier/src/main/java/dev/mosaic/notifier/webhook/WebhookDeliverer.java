package dev.mosaic.notifier.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one notification to one webhook, signed and with its idempotency key, retrying with backoff
 * on 5xx, 408, 429, timeouts and connection errors until it is delivered, rejected, the attempts
 * run out or the notifier stops. Thread-safe; each call blocks for its retries.
 *
 * <pre>
 * Notification + WebhookReceiver → WebhookDeliverer → HTTP POST (X-Mosaic-Signature, Idempotency-Key)
 * </pre>
 */
public final class WebhookDeliverer {
  private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);

  /** The header that carries {@link Notification#idempotencyKey()}. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private static final int MAX_LOGGED_BODY = 500;

  private final HttpClient client;
  private final Duration requestTimeout;
  private final Backoff backoff;
  private final int maxAttempts;
  private final StopSignal stop;
  private final MeterRegistry meters;

  /**
   * @param maxAttempts the first attempt included; at least 1
   */
  public WebhookDeliverer(
      HttpClient client,
      Duration requestTimeout,
      Backoff backoff,
      int maxAttempts,
      StopSignal stop,
      MeterRegistry meters) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    this.client = Objects.requireNonNull(client);
    this.requestTimeout = Objects.requireNonNull(requestTimeout);
    this.backoff = Objects.requireNonNull(backoff);
    this.maxAttempts = maxAttempts;
    this.stop = Objects.requireNonNull(stop);
    this.meters = Objects.requireNonNull(meters);
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
    int lastStatus = 0;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) {
        meters.counter("mosaic.notifier.delivery.retries", "receiver", receiver.name()).increment();
        if (!stop.waitUnlessStopped(backoff.delayBefore(attempt))) {
          return result(receiver, DeliveryOutcome.STOPPED, attempt - 1, lastStatus);
        }
      }
      if (stop.isStopped()) {
        return result(receiver, DeliveryOutcome.STOPPED, attempt - 1, lastStatus);
      }
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        lastStatus = status;
        if (status >= 200 && status < 300) {
          return result(receiver, DeliveryOutcome.DELIVERED, attempt, status);
        }
        if (!retryable(status)) {
          log.warn(
              "receiver {} rejected {} with HTTP {}: {}",
              receiver.name(),
              notification.idempotencyKey(),
              status,
              truncated(response.body()));
          return result(receiver, DeliveryOutcome.REJECTED, attempt, status);
        }
        log.info(
            "receiver {} answered HTTP {} to {} (attempt {} of {})",
            receiver.name(),
            status,
            notification.idempotencyKey(),
            attempt,
            maxAttempts);
      } catch (IOException e) {
        log.info(
            "receiver {} unreachable for {} (attempt {} of {}): {}",
            receiver.name(),
            notification.idempotencyKey(),
            attempt,
            maxAttempts,
            e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return result(receiver, DeliveryOutcome.STOPPED, attempt, lastStatus);
      }
    }
    log.error(
        "receiver {}: gave up on {} after {} attempts",
        receiver.name(),
        notification.idempotencyKey(),
        maxAttempts);
    return result(receiver, DeliveryOutcome.GAVE_UP, maxAttempts, lastStatus);
  }

  /** Server errors, timeouts and throttling pass; other client errors would fail again. */
  private static boolean retryable(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  private DeliveryResult result(
      WebhookReceiver receiver, DeliveryOutcome outcome, int attempts, int lastStatus) {
    meters
        .counter(
            "mosaic.notifier.deliveries", "receiver", receiver.name(), "outcome", outcome.name())
        .increment();
    return new DeliveryResult(outcome, attempts, lastStatus);
  }

  private static String truncated(String body) {
    return body.length() <= MAX_LOGGED_BODY ? body : body.substring(0, MAX_LOGGED_BODY) + "…";
  }
}
