package dev.mosaic.launcher;

import static org.awaitility.Awaitility.await;

import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The whole pipeline for an end-to-end test: on the JVM's shared broker, with its own topics and
 * consumer groups, every listener on a free port, a short interval, and carbon played by a {@link
 * CarbonLineServer}.
 */
final class TestPipeline {
  static final long INTERVAL_MILLIS = 2_000;

  private TestPipeline() {}

  /**
   * @param overrides more {@code --key=value} arguments; they win over the defaults given here
   */
  static MosaicStack start(
      EmbeddedKafkaBroker kafka, CarbonLineServer carbon, MeterRegistry meters, String... overrides)
      throws Exception {
    String run = UUID.randomUUID().toString();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--kafka.topic-prefix=e2e-" + run + ".",
                "--collector.statsd.port=0",
                "--collector.logs.port=0",
                "--collector.drain.port=0",
                "--state-engine.http.port=0",
                "--notifier.http.port=0",
                "--aggregator.flush-interval=" + INTERVAL_MILLIS + "ms",
                "--aggregator.consumer-group=e2e-aggregator-" + run,
                "--storage-bridge.consumer-group=e2e-bridge-" + run,
                "--state-engine.consumer-group=e2e-state-engine-" + run,
                "--notifier.consumer-group=e2e-notifier-" + run,
                "--storage-bridge.carbon.port=" + carbon.port()));
    args.addAll(Arrays.asList(overrides));
    MosaicConfig config = new ConfigLoader(MosaicStack.allKeys(), Set.of()).load(args, Map.of());
    return MosaicStack.start(config, meters, Clock.systemUTC());
  }

  /**
   * Waits until just after an interval boundary, so that a burst sent now lands in one interval.
   */
  static void awaitStartOfAnInterval() {
    await()
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofMillis(3 * INTERVAL_MILLIS))
        .until(
            () -> {
              long intoInterval = System.currentTimeMillis() % INTERVAL_MILLIS;
              return intoInterval > 50 && intoInterval < 400;
            });
  }

  /**
   * Carbon's lines grouped by timestamp, then name → value, once two intervals carry {@code name}.
   */
  static Map<Long, Map<String, String>> awaitTwoIntervalsOf(CarbonLineServer carbon, String name) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Map<Long, Map<String, String>> byInterval = new TreeMap<>();
              for (String line : carbon.lines()) {
                String[] parts = line.split(" ");
                byInterval
                    .computeIfAbsent(Long.parseLong(parts[2]), t -> new TreeMap<>())
                    .put(parts[0], parts[1]);
              }
              byInterval.values().removeIf(lines -> !lines.containsKey(name));
              return byInterval;
            },
            byInterval -> byInterval.size() >= 2);
  }
}
