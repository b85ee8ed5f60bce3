package dev.mosaic.contract.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SelfMetricsTest {

  @Test
  void servicesMetersKeepTheirMosaicNameAsStatsdWithTagsAsPathSegments() {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (SelfMetrics metrics = SelfMetrics.withStatsdLines("collector", lines::add)) {
      metrics
          .registry()
          .counter("mosaic.collector.samples.received", "listener", "statsd")
          .increment(2);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(lines)
                      .contains("mosaic.collector.samples.received.listener.statsd:2|c"));
    }
  }

  @Test
  void otherMetersGoUnderTheProcessNameAndDotsInTagValuesBecomeUnderscores() {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (SelfMetrics metrics = SelfMetrics.withStatsdLines("aggregator", lines::add)) {
      metrics
          .registry()
          .gauge(
              "kafka.consumer.records.lag",
              List.of(io.micrometer.core.instrument.Tag.of("topic", "mosaic.samples")),
              7.0);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(lines)
                      .contains(
                          "mosaic.aggregator.kafka.consumer.records.lag.topic.mosaic_samples:7|g"));
      assertThat(lines).anyMatch(line -> line.startsWith("mosaic.aggregator.jvm.memory.used."));
    }
  }

  @Test
  void withoutStatsdThePrometheusScrapeStillHasEveryMeter() {
    try (SelfMetrics metrics = SelfMetrics.create("notifier", emptyConfig())) {
      metrics.registry().counter("mosaic.notifier.deliveries", "receiver", "ops").increment();

      assertThat(metrics.scrape())
          .contains("mosaic_notifier_deliveries_total{receiver=\"ops\"} 1.0")
          .contains("jvm_gc_");
    }
  }

  private static dev.mosaic.contract.config.MosaicConfig emptyConfig() {
    try {
      return new dev.mosaic.contract.config.ConfigLoader(List.of(), java.util.Set.of())
          .load(List.of(), java.util.Map.of());
    } catch (dev.mosaic.contract.config.ConfigException e) {
      throw new AssertionError(e);
    }
  }
}
