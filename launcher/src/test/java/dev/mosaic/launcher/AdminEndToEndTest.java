package dev.mosaic.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.collector.CollectorService;
import dev.mosaic.contract.admin.AdminKeys;
import dev.mosaic.contract.admin.ProcessAdmin;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole stack behind one admin server, as {@code mosaic up} runs it: probes and the scrape see
 * every service, and self-metrics sent as StatsD come back out of mosaic as carbon lines.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AdminEndToEndTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyServiceIsReadyAndItsMetersAreScraped(EmbeddedKafkaBroker kafka) throws Exception {
    try (ProcessAdmin admin = ProcessAdmin.create("stack", adminConfig());
        CarbonLineServer carbon = new CarbonLineServer();
        MosaicStack stack = TestPipeline.start(kafka, carbon, admin.meters())) {
      admin.serve(stack.bootstrapServers(), stack::services);

      await().atMost(TIMEOUT).until(() -> get(admin, "/ready").statusCode() == 200);
      String ready = get(admin, "/ready").body();
      for (String service :
          List.of(
              "kafka", "collector", "aggregator", "storage-bridge", "state-engine", "notifier")) {
        assertThat(ready).contains("\"" + service + "\"");
      }
      assertThat(ready).contains("partition(s) assigned");
      assertThat(get(admin, "/health").statusCode()).isEqualTo(200);

      // Kafka client meters of newly assigned partitions appear on Micrometer's next refresh.
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(get(admin, "/metrics").body())
                      .contains("mosaic_collector_samples_received_total")
                      .contains("mosaic_aggregator_flush_duration_seconds")
                      .contains("kafka_consumer_fetch_manager_records_lag{")
                      .contains("kafka_producer_record_send_total")
                      .contains("jvm_memory_used_bytes"));
    }
  }

  @Test
  void selfMetricsSentAsStatsdComeOutOfMosaicAsCarbonLines(EmbeddedKafkaBroker kafka)
      throws Exception {
    try (CarbonLineServer carbon = new CarbonLineServer();
        MosaicStack stack =
            TestPipeline.start(
                kafka, carbon, new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
      int statsdPort = stack.service(CollectorService.class).statsdPort();
      String process = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
      try (ProcessAdmin self =
          ProcessAdmin.create(
              process,
              adminConfig(
                  "--admin.statsd.enabled=true",
                  "--admin.statsd.port=" + statsdPort,
                  "--admin.statsd.step=1s"))) {
        // The StatsD registry sends counter increments as they happen and drops those made before
        // its UDP client is up: keep counting, as a running service does.
        await()
            .atMost(TIMEOUT)
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () -> {
                  self.meters().counter("mosaic." + process + ".probes").increment();
                  assertThat(carbon.lines())
                      .anyMatch(
                          line -> line.startsWith("stats_counts.mosaic." + process + ".probes "))
                      .anyMatch(
                          line ->
                              line.startsWith(
                                  "stats.gauges.mosaic." + process + ".jvm.threads.live "));
                });
      }
    }
  }

  private static MosaicConfig adminConfig(String... more) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--admin.port=0"));
    args.addAll(List.of(more));
    return new ConfigLoader(AdminKeys.ALL, Set.of()).load(args, Map.of());
  }

  private HttpResponse<String> get(ProcessAdmin admin, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
