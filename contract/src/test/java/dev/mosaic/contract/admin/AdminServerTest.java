package dev.mosaic.contract.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.Probe;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class AdminServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void metricsAreScrapedAsPrometheusTextWithTheJvmsAndTheServicesMeters(EmbeddedKafkaBroker kafka)
      throws Exception {
    try (ProcessAdmin admin = ProcessAdmin.create("collector", config())) {
      admin
          .meters()
          .counter("mosaic.collector.samples.received", "listener", "statsd")
          .increment(3);
      admin.serve(kafka.bootstrapServers(), () -> List.of(new FakeService("collector")));

      HttpResponse<String> response = get(admin, "/metrics");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
      assertThat(response.body())
          .contains("mosaic_collector_samples_received_total{listener=\"statsd\"} 3.0")
          .contains("jvm_memory_used_bytes")
          .contains("jvm_threads_live_threads")
          .contains("process_uptime_seconds");
    }
  }

  @Test
  void healthIsUpWhenKafkaAnswersAndNoServiceFailed(EmbeddedKafkaBroker kafka) throws Exception {
    try (ProcessAdmin admin = ProcessAdmin.create("collector", config())) {
      admin.serve(kafka.bootstrapServers(), () -> List.of(new FakeService("collector")));

      HttpResponse<String> response = get(admin, "/health");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .contains("\"status\" : \"UP\"")
          .contains("\"kafka\"")
          .contains("broker(s) at " + kafka.bootstrapServers())
          .contains("\"collector\"");
    }
  }

  @Test
  void aFailedServiceMakesHealth503AndNamesIt(EmbeddedKafkaBroker kafka) throws Exception {
    FakeService failed = new FakeService("aggregator");
    failed.failure = new IllegalStateException("consumer loop died");
    try (ProcessAdmin admin = ProcessAdmin.create("aggregator", config())) {
      admin.serve(kafka.bootstrapServers(), () -> List.of(new FakeService("collector"), failed));

      HttpResponse<String> response = get(admin, "/health");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("\"status\" : \"DOWN\"").contains("consumer loop died");
    }
  }

  @Test
  void aServiceNotCaughtUpIsHealthyButNotReady(EmbeddedKafkaBroker kafka) throws Exception {
    FakeService behind = new FakeService("state-engine");
    behind.readiness = Probe.down("mosaic.aggregates-0 is 50000 records behind (bound 10000)");
    try (ProcessAdmin admin = ProcessAdmin.create("state-engine", config())) {
      admin.serve(kafka.bootstrapServers(), () -> List.of(behind));

      assertThat(get(admin, "/health").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = get(admin, "/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("50000 records behind");

      behind.readiness = Probe.up("4 partition(s) assigned, max lag 0");
      assertThat(get(admin, "/ready").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void unreachableKafkaMakesHealth503() throws Exception {
    try (ProcessAdmin admin = ProcessAdmin.create("collector", config())) {
      // Port 1 on loopback: nothing listens, so the metadata request cannot succeed.
      admin.serve("127.0.0.1:1", () -> List.of(new FakeService("collector")));

      HttpResponse<String> response = get(admin, "/health");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("\"kafka\"").contains("\"DOWN\"");
    }
  }

  @Test
  void unknownPathIs404AndPostIs405(EmbeddedKafkaBroker kafka) throws Exception {
    try (ProcessAdmin admin = ProcessAdmin.create("collector", config())) {
      admin.serve(kafka.bootstrapServers(), List::of);

      assertThat(get(admin, "/nope").statusCode()).isEqualTo(404);
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(uri(admin, "/metrics"))
                  .POST(HttpRequest.BodyPublishers.ofString("x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }

  @Test
  void adminDisabledServesNothing() throws Exception {
    MosaicConfig config =
        new ConfigLoader(AdminKeys.ALL, Set.of())
            .load(List.of("--admin.enabled=false", "--admin.port=0"), Map.of());
    try (ProcessAdmin admin = ProcessAdmin.create("collector", config)) {
      admin.serve("127.0.0.1:1", List::of);
      org.assertj.core.api.Assertions.assertThatThrownBy(admin::port)
          .isInstanceOf(IllegalStateException.class);
    }
  }

  private static MosaicConfig config() throws Exception {
    return new ConfigLoader(AdminKeys.ALL, Set.of()).load(List.of("--admin.port=0"), Map.of());
  }

  private HttpResponse<String> get(ProcessAdmin admin, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(admin, path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(ProcessAdmin admin, String path) {
    return URI.create("http://127.0.0.1:" + admin.port() + path);
  }

  private static final class FakeService implements MosaicService {
    private final String name;
    volatile Throwable failure;
    volatile Probe readiness;

    FakeService(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void start() {}

    @Override
    public Optional<Throwable> failure() {
      return Optional.ofNullable(failure);
    }

    @Override
    public Probe readiness() {
      return readiness != null ? readiness : MosaicService.super.readiness();
    }

    @Override
    public void close() {}
  }
}
