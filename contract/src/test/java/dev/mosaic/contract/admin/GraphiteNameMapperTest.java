package dev.mosaic.contract.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.NamingConvention;
import org.junit.jupiter.api.Test;

class GraphiteNameMapperTest {
  private final GraphiteNameMapper mapper = new GraphiteNameMapper("stack");

  @Test
  void aServicesMeterKeepsItsNameAndAppendsTagsAsPathSegments() {
    assertThat(
            name("mosaic.collector.samples.received", "listener", "statsd", "statistic", "count"))
        .isEqualTo("mosaic.collector.samples.received.listener.statsd");
  }

  @Test
  void anyOtherMeterGoesUnderTheProcessAndUnsafeCharactersBecomeUnderscores() {
    assertThat(name("jvm.memory.used", "area", "heap", "id", "CodeHeap 'non-nmethods'"))
        .isEqualTo("mosaic.stack.jvm.memory.used.area.heap.id.CodeHeap__non-nmethods_");
    assertThat(name("kafka.consumer.records.lag", "topic", "mosaic.samples", "partition", "3"))
        .isEqualTo("mosaic.stack.kafka.consumer.records.lag.partition.3.topic.mosaic_samples");
  }

  @Test
  void statisticsOtherThanValueAndCountStay() {
    assertThat(name("mosaic.aggregator.flush.duration", "statistic", "total_time"))
        .isEqualTo("mosaic.aggregator.flush.duration.statistic.total_time");
  }

  private String name(String name, String... tags) {
    return mapper.toHierarchicalName(
        new Meter.Id(name, Tags.of(tags), null, null, Meter.Type.OTHER), NamingConvention.identity);
  }
}
