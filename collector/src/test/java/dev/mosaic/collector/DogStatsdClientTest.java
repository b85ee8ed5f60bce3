package dev.mosaic.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.timgroup.statsd.NonBlockingStatsDClientBuilder;
import com.timgroup.statsd.StatsDClient;
import dev.mosaic.collector.testing.CollectorFixture;
import dev.mosaic.collector.testing.SamplesTopicReader;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A real StatsD client library, as applications use it, talking to the collector. */
@ExtendWith(KafkaBrokerExtension.class)
class DogStatsdClientTest {

  @Test
  void countGaugeTimeAndSetArriveOnTheSamplesTopic(EmbeddedKafkaBroker kafka) throws Exception {
    Clock clock = Clock.systemUTC();
    try (CollectorFixture collector = new CollectorFixture(kafka.bootstrapServers(), clock);
        SamplesTopicReader reader =
            new SamplesTopicReader(kafka.bootstrapServers(), collector.samplesTopic())) {
      collector.service.start();
      long before = clock.millis();
      // Aggregation off: the client would otherwise hold counts, gauges and sets for its own flush
      // interval, and close() in non-blocking mode drops what it still holds.
      StatsDClient client =
          new NonBlockingStatsDClientBuilder()
              .prefix("app")
              .hostname("127.0.0.1")
              .port(collector.service.statsdPort())
              .enableTelemetry(false)
              .originDetectionEnabled(false)
              .enableAggregation(false)
              .build();
      try {
        client.count("requests", 5);
        client.gauge("queue.depth", 42.5);
        client.recordExecutionTime("db.query", 87);
        client.recordSetValue("visitors", "user-17");
        await().atMost(Duration.ofSeconds(30)).until(() -> reader.samples().size() >= 4);
      } finally {
        client.close();
      }
      long after = clock.millis();
      List<MetricSample> samples = reader.samples();
      assertThat(samples).hasSize(4);
      assertThat(samples)
          .allSatisfy(s -> assertThat(s.receivedAtMillis()).isBetween(before, after));
      assertThat(samples)
          .map(s -> withTime(s, 0))
          .containsExactlyInAnyOrder(
              MetricSample.counter("app.requests", 5, 1.0, 0),
              MetricSample.gauge("app.queue.depth", 42.5, 0),
              MetricSample.timer("app.db.query", 87, 1.0, 0),
              MetricSample.set("app.visitors", "user-17", 0));
      assertThat(collector.counter("mosaic.collector.statsd.bad_lines", "reason", "unknown_type"))
          .isZero();
    }
  }

  @Test
  void tagsAndDistributionsArriveUnderGraphiteTaggedNames(EmbeddedKafkaBroker kafka)
      throws Exception {
    Clock clock = Clock.systemUTC();
    try (CollectorFixture collector = new CollectorFixture(kafka.bootstrapServers(), clock);
        SamplesTopicReader reader =
            new SamplesTopicReader(kafka.bootstrapServers(), collector.samplesTopic())) {
      collector.service.start();
      StatsDClient client =
          new NonBlockingStatsDClientBuilder()
              .prefix("app")
              .hostname("127.0.0.1")
              .port(collector.service.statsdPort())
              .constantTags("service:checkout")
              .enableTelemetry(false)
              .originDetectionEnabled(false)
              .enableAggregation(false)
              .build();
      try {
        client.count("requests", 5, "env:prod", "canary");
        client.distribution("render.time", 12.5, "env:prod");
        // No sample rate here: the client itself drops a sampled metric at random (rates with
        // tags are covered by StatsdLineParserTest).
        await().atMost(Duration.ofSeconds(30)).until(() -> reader.samples().size() >= 2);
      } finally {
        client.close();
      }
      assertThat(reader.samples())
          .map(s -> withTime(s, 0))
          .containsExactlyInAnyOrder(
              MetricSample.counter("app.requests;canary=true;env=prod;service=checkout", 5, 1.0, 0),
              MetricSample.timer("app.render.time;env=prod;service=checkout", 12.5, 1.0, 0));
      assertThat(collector.counter("mosaic.collector.statsd.ignored_tags")).isZero();
      assertThat(collector.counter("mosaic.collector.statsd.bad_lines", "reason", "unknown_type"))
          .isZero();
    }
  }

  private static MetricSample withTime(MetricSample s, long at) {
    return new MetricSample(
        s.name(), s.type(), s.value(), s.member(), s.delta(), s.sampleRate(), at);
  }
}
