package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two aggregators in one consumer group share the samples partitions; one of them stops in the
 * middle of an interval and the other takes its partitions over: every metric's aggregates appear
 * exactly once per interval, with exact totals.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AggregatorGroupTest {
  private static final int PARTITIONS = 4;
  private static final long L = 2_000;

  @Test
  void twoInstancesPublishEachIntervalOnceAcrossARebalance(EmbeddedKafkaBroker kafka)
      throws Exception {
    String prefix = "group-" + UUID.randomUUID() + ".";
    AggregatorCrashTest.createTopics(kafka, prefix + "samples", prefix + "aggregates");
    String group = "--aggregator.consumer-group=g-" + UUID.randomUUID();
    SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
    SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();

    try (LiveSamples live =
            new LiveSamples(kafka.bootstrapServers(), prefix + "samples", PARTITIONS, L);
        AggregatesReader reader =
            new AggregatesReader(kafka.bootstrapServers(), prefix + "aggregates", PARTITIONS);
        AggregatorService second = service(kafka, prefix, group, secondMeters)) {
      AggregatorService first = service(kafka, prefix, group, firstMeters);
      try {
        first.start();
        second.start();
        live.sendUntil(System.currentTimeMillis() + 2 * L);
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(10))
            .until(
                () -> {
                  live.sendUntil(System.currentTimeMillis() + L / 2);
                  return published(firstMeters) > 0 && published(secondMeters) > 0;
                });
        live.sendUntil(live.startOf(System.currentTimeMillis()) + L + L / 2);
      } finally {
        first.close();
      }
      double firstPublished = published(firstMeters);
      live.sendUntil(System.currentTimeMillis() + 3 * L);

      long after = (live.lastInterval() + L) / 1000;
      live.assertPublishedExactlyOnce(
          await()
              .atMost(Duration.ofSeconds(90))
              .until(reader::poll, points -> points.containsKey(after)));
      assertThat(firstPublished).as("points the first instance published").isPositive();
      assertThat(published(secondMeters)).as("points the second instance published").isPositive();
    }
  }

  private static double published(SimpleMeterRegistry meters) {
    return meters.counter("mosaic.aggregator.points.published").count();
  }

  private static AggregatorService service(
      EmbeddedKafkaBroker kafka, String prefix, String group, SimpleMeterRegistry meters)
      throws Exception {
    List<ConfigKey<?>> keys = new ArrayList<>(KafkaKeys.ALL);
    keys.addAll(AggregatorKeys.ALL);
    MosaicConfig config =
        new ConfigLoader(keys, Set.of())
            .load(
                List.of(
                    "--kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--kafka.topic-prefix=" + prefix,
                    "--kafka.partitions=" + PARTITIONS,
                    "--aggregator.flush-interval=2s",
                    "--aggregator.grace=1s",
                    group),
                Map.of());
    return new AggregatorService(
        AggregatorSettings.from(config),
        KafkaSettings.from(config, kafka.bootstrapServers()),
        meters,
        Clock.systemUTC());
  }
}
