package dev.mosaic.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.mosaic.collector.CollectorService;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * StatsD lines → collector → aggregator → state engine → notifier → a webhook: the whole alerting
 * path, asserting the payload and its signature as a receiver would check them.
 */
@ExtendWith(KafkaBrokerExtension.class)
class WebhookEndToEndTest {
  private static final String SECRET = "e2e-secret";

  @TempDir Path dir;

  record Delivery(String body, String signature, String idempotencyKey) {}

  @Test
  void aBreachedCheckReachesTheWebhookSignedOnceAndItsRecoveryFollows(EmbeddedKafkaBroker kafka)
      throws Exception {
    List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          deliveries.add(
              new Delivery(
                  new String(body, StandardCharsets.UTF_8),
                  exchange.getRequestHeaders().getFirst("X-Mosaic-Signature"),
                  exchange.getRequestHeaders().getFirst("Idempotency-Key")));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    Path checks = Files.createDirectory(dir.resolve("checks"));
    Files.writeString(
        checks.resolve("errors.yaml"),
        """
        checks:
          - name: checkout-errors
            pattern: stats_counts.e2e.checkout.errors
            critical: 10
            labels: {team: shop}
        """);
    Path routes = dir.resolve("notifier.yaml");
    Files.writeString(
        routes,
        """
        receivers:
          - name: shop-hook
            url: http://127.0.0.1:%d/hook
            secret: %s
        routes:
          - match: {labels: {team: shop}}
            receivers: [shop-hook]
        """
            .formatted(receiver.getAddress().getPort(), SECRET));
    try (CarbonLineServer carbon = new CarbonLineServer();
        MosaicStack stack =
            TestPipeline.start(
                kafka,
                carbon,
                new SimpleMeterRegistry(),
                "--state-engine.checks-dir=" + checks,
                "--notifier.routes-file=" + routes)) {
      int statsd = stack.service(CollectorService.class).statsdPort();

      send(statsd, "e2e.checkout.errors:25|c");
      Delivery opened = awaitDelivery(deliveries, 1);
      // The idle counter reports 0 next interval, which resolves the incident.
      Delivery resolved = awaitDelivery(deliveries, 2);

      assertThat(opened.body())
          .contains("\"event\":\"opened\"")
          .contains("\"check\":\"checkout-errors\"")
          .contains("\"series\":\"stats_counts.e2e.checkout.errors\"")
          .contains("\"state\":\"critical\"")
          .contains("\"trigger\":25")
          .contains("\"team\":\"shop\"");
      assertThat(resolved.body()).contains("\"event\":\"resolved\"");
      for (Delivery delivery : List.of(opened, resolved)) {
        assertThat(delivery.signature()).isEqualTo("sha256=" + hmacSha256(delivery.body()));
      }
      assertThat(opened.idempotencyKey()).isNotBlank().isNotEqualTo(resolved.idempotencyKey());
      // Exactly once: no further delivery of either transition turns up.
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> deliveries.size() == 2);
    } finally {
      receiver.stop(0);
    }
  }

  private static Delivery awaitDelivery(List<Delivery> deliveries, int count) {
    await().atMost(Duration.ofSeconds(40)).until(() -> deliveries.size() >= count);
    return deliveries.get(count - 1);
  }

  private static String hmacSha256(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static void send(int port, String payload) throws Exception {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(
          new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), port));
    }
  }
}
