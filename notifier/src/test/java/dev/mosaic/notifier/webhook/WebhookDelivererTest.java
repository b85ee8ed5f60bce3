package dev.mosaic.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.notifier.TestIncidents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookDelivererTest {
  private static final Notification NOTIFICATION =
      new WebhookPayloadEncoder("")
          .encode(
              TestIncidents.opened(
                  TestIncidents.incident("api", "stats.api", "page", Map.of("team", "api"))));

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final StopSignal stop = new StopSignal();

  private WebhookDeliverer deliverer(int maxAttempts, Duration backoff) {
    return new WebhookDeliverer(
        HttpClient.newHttpClient(),
        Duration.ofSeconds(5),
        new DeliveryAttempts(new Backoff(backoff, backoff, () -> 0.5), maxAttempts, stop, meters));
  }

  @Test
  void postsTheBodySignedWithTheReceiversSecretAndItsIdempotencyKey() throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(0, 500)) {
      WebhookReceiver receiver = new WebhookReceiver("ops", server.url(), "s3cret");

      assertThat(deliverer(3, Duration.ofMillis(1)).deliver(receiver, NOTIFICATION).outcome())
          .isEqualTo(DeliveryOutcome.DELIVERED);

      TestWebhookServer.Received request = server.received().get(0);
      assertThat(request.body()).isEqualTo(new String(NOTIFICATION.body(), StandardCharsets.UTF_8));
      assertThat(request.signature())
          .isEqualTo(WebhookSigner.sign("s3cret", NOTIFICATION.body()))
          .startsWith("sha256=");
      assertThat(request.idempotencyKey()).isEqualTo(NOTIFICATION.idempotencyKey());
    }
  }

  @Test
  void aReceiverFailingFiveTimesThenSucceedingGetsExactlyOneDelivery() throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(5, 503)) {
      WebhookReceiver receiver = new WebhookReceiver("ops", server.url(), "s3cret");

      assertThat(deliverer(10, Duration.ofMillis(2)).deliver(receiver, NOTIFICATION))
          .isEqualTo(new DeliveryResult(DeliveryOutcome.DELIVERED, 6, 200));

      assertThat(server.received()).hasSize(6);
      assertThat(server.accepted()).hasSize(1);
      assertThat(server.received())
          .extracting(TestWebhookServer.Received::idempotencyKey)
          .containsOnly(NOTIFICATION.idempotencyKey());
      assertThat(meters.counter("mosaic.notifier.delivery.retries", "receiver", "ops").count())
          .isEqualTo(5.0);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 404, 410})
  void aClientErrorIsNotRetried(int status) throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(100, status)) {
      WebhookReceiver receiver = new WebhookReceiver("ops", server.url(), "s3cret");

      assertThat(deliverer(10, Duration.ofMillis(1)).deliver(receiver, NOTIFICATION).outcome())
          .isEqualTo(DeliveryOutcome.REJECTED);

      assertThat(server.received()).hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 408, 429})
  void aRetryableStatusIsTriedUntilTheAttemptsRunOut(int status) throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(100, status)) {
      WebhookReceiver receiver = new WebhookReceiver("ops", server.url(), "s3cret");

      assertThat(deliverer(3, Duration.ofMillis(1)).deliver(receiver, NOTIFICATION).outcome())
          .isEqualTo(DeliveryOutcome.GAVE_UP);

      assertThat(server.received()).hasSize(3);
    }
  }

  @Test
  void anUnreachableReceiverIsRetried() throws Exception {
    URI closedPort;
    try (TestWebhookServer server = new TestWebhookServer(0, 500)) {
      closedPort = server.url();
    }
    WebhookReceiver receiver = new WebhookReceiver("ops", closedPort, "s3cret");

    assertThat(deliverer(2, Duration.ofMillis(1)).deliver(receiver, NOTIFICATION).outcome())
        .isEqualTo(DeliveryOutcome.GAVE_UP);
    assertThat(meters.counter("mosaic.notifier.delivery.retries", "receiver", "ops").count())
        .isEqualTo(1.0);
  }

  @Test
  void stoppingEndsAWaitingRetryAtOnce() throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(100, 503)) {
      WebhookReceiver receiver = new WebhookReceiver("ops", server.url(), "s3cret");
      WebhookDeliverer deliverer = deliverer(10, Duration.ofHours(1));
      CompletableFuture<DeliveryOutcome> outcome =
          CompletableFuture.supplyAsync(() -> deliverer.deliver(receiver, NOTIFICATION).outcome());
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> server.received().size() == 1);

      stop.stop();

      assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryOutcome.STOPPED);
      assertThat(server.accepted()).isEmpty();
    }
  }
}
