package dev.mosaic.contract.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class DeprecatedTopicTagFilterTest {
  private static final String LAG = "kafka.consumer.fetch.manager.records.lag";

  @Test
  void dropsKafkaMetersUnderTheUnderscoredTopicNameOnly() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry.config().meterFilter(new DeprecatedTopicTagFilter("mosaic."));

    registry.gauge(LAG, Tags.of("topic", "mosaic.samples"), 1);
    registry.gauge(LAG, Tags.of("topic", "mosaic_samples"), 1);
    registry.counter("mosaic.samples.read", "topic", "mosaic_samples").increment();

    assertThat(registry.find(LAG).tag("topic", "mosaic.samples").gauge()).isNotNull();
    assertThat(registry.find(LAG).tag("topic", "mosaic_samples").gauge()).isNull();
    // not a Kafka client meter: kept whatever its tags
    assertThat(registry.find("mosaic.samples.read").counter()).isNotNull();
  }

  @Test
  void aPrefixWithoutDotsHasNoDeprecatedCopyAndKeepsEverything() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry.config().meterFilter(new DeprecatedTopicTagFilter("prod_"));

    registry.gauge(LAG, Tags.of("topic", "prod_samples"), 1);

    assertThat(registry.find(LAG).tag("topic", "prod_samples").gauge()).isNotNull();
  }
}
