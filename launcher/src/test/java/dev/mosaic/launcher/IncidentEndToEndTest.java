package dev.mosaic.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEventSerde;
import dev.mosaic.contract.SeriesState;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import dev.mosaic.stateengine.StateEngineService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * StatsD lines → collector → aggregator → state engine: a gauge beyond its check's critical
 * threshold opens an incident, on the incidents topic and in the API, and one back within bounds
 * resolves it.
 */
@ExtendWith(KafkaBrokerExtension.class)
class IncidentEndToEndTest {
  @TempDir Path checks;

  @Test
  void aGaugeBeyondItsThresholdOpensAnIncidentThatResolvesWhenItRecovers(EmbeddedKafkaBroker kafka)
      throws Exception {
    Files.writeString(
        checks.resolve("queue.yaml"),
        """
        checks:
          - name: queue-depth
            pattern: stats.gauges.e2e.{orders,payments}.queue
            warning: 50
            critical: 100
            labels:
              team: shop
        """);
    String prefix = "e2e-incidents-" + UUID.randomUUID() + ".";
    try (CarbonLineServer carbon = new CarbonLineServer();
        MosaicStack stack =
            TestPipeline.start(
                kafka,
                carbon,
                new SimpleMeterRegistry(),
                "--kafka.topic-prefix=" + prefix,
                "--state-engine.checks-dir=" + checks);
        IncidentReader incidents = new IncidentReader(kafka, prefix + "incidents")) {
      int statsd = stack.service(dev.mosaic.collector.CollectorService.class).statsdPort();
      URI api =
          URI.create("http://127.0.0.1:" + stack.service(StateEngineService.class).httpPort());

      send(statsd, "e2e.orders.queue:500|g\ne2e.payments.queue:3|g");
      IncidentEvent opened = incidents.first(IncidentEvent.Kind.OPENED);
      assertThat(opened.incident().series()).isEqualTo("stats.gauges.e2e.orders.queue");
      assertThat(opened.incident().check()).isEqualTo("queue-depth");
      assertThat(opened.incident().state()).isEqualTo(SeriesState.CRITICAL);
      assertThat(opened.incident().triggerValue()).isEqualTo(500.0);
      assertThat(opened.incident().labels()).containsEntry("team", "shop");
      assertThat(get(api.resolve("/incidents?state=open")))
          .contains(opened.incident().id())
          .doesNotContain("payments");

      send(statsd, "e2e.orders.queue:7|g");
      IncidentEvent resolved = incidents.first(IncidentEvent.Kind.RESOLVED);
      assertThat(resolved.incident().id()).isEqualTo(opened.incident().id());
      assertThat(get(api.resolve("/incidents?state=open"))).doesNotContain(opened.incident().id());
      assertThat(incidents.kinds())
          .containsExactly(IncidentEvent.Kind.OPENED, IncidentEvent.Kind.RESOLVED);
    }
  }

  private static void send(int port, String payload) throws Exception {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(
          new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), port));
    }
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** Reads the incidents topic on its own thread, from the beginning. */
  private static final class IncidentReader implements AutoCloseable {
    private final KafkaConsumer<byte[], IncidentEvent> consumer;
    private final List<IncidentEvent> events = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    IncidentReader(EmbeddedKafkaBroker kafka, String topic) {
      consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  kafka.bootstrapServers(),
                  ConsumerConfig.GROUP_ID_CONFIG,
                  "e2e-incident-reader-" + UUID.randomUUID(),
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                  "earliest"),
              new ByteArrayDeserializer(),
              new IncidentEventSerde().deserializer());
      consumer.subscribe(List.of(topic));
      thread =
          new Thread(
              () -> {
                while (running) {
                  consumer.poll(Duration.ofMillis(100)).forEach(r -> events.add(r.value()));
                }
                consumer.close();
              },
              "e2e-incident-reader");
      thread.start();
    }

    IncidentEvent first(IncidentEvent.Kind kind) {
      return await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> events.stream().filter(e -> e.kind() == kind).findFirst().orElse(null),
              event -> event != null);
    }

    List<IncidentEvent.Kind> kinds() {
      return events.stream().map(IncidentEvent::kind).toList();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(10_000);
    }
  }
}
