package dev.mosaic.aggregator.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.aggregator.rules.AggregationRules;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.MetricSample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The changelog records a registry writes while closing intervals, and a new registry restored from
 * them continuing exactly where the first one stopped.
 */
class SeriesChangelogTest {
  private static final long T = 1_700_000_000_000L;
  private static final long L = 10_000;

  private static SeriesRegistry registry(IdleSeriesPolicy idle) {
    return new SeriesRegistry(
        new StatsdSettings(
            List.of(),
            128,
            StatsdGraphiteNaming.DEFAULTS,
            idle,
            TimerHistogramBins.NONE,
            AggregationRules.NONE),
        new SimpleMeterRegistry().counter("non_finite"));
  }

  private static Map<String, Double> close(SeriesRegistry registry, MetricSample... samples) {
    IntervalState state = new IntervalState(128, TimerHistogramBins.NONE);
    for (MetricSample sample : samples) {
      state.add(sample);
    }
    Map<String, Double> points = new TreeMap<>();
    for (SeriesAggregates series : registry.close(T, L, state).series()) {
      for (AggregatePoint point : series.points()) {
        points.put(point.name(), point.value());
      }
    }
    return points;
  }

  private static byte[] level(double value) {
    return ByteBuffer.allocate(8).putDouble(value).array();
  }

  @Test
  void newSeriesAndChangedGaugeLevelsAreRecordedOnce() {
    SeriesRegistry registry = registry(IdleSeriesPolicy.KEEP_ALL);
    close(
        registry,
        MetricSample.counter("hits", 1, 1.0, T),
        MetricSample.timer("lat", 5, 1.0, T),
        MetricSample.set("users", "u1", T),
        MetricSample.gauge("temp", 20, T));

    Map<String, byte[]> first = registry.drainChanges();
    assertThat(first).containsOnlyKeys("counter:hits", "timer:lat", "set:users", "gauge:temp");
    assertThat(first.get("counter:hits")).isEmpty();
    assertThat(first.get("gauge:temp")).isEqualTo(level(20));

    close(registry, MetricSample.counter("hits", 1, 1.0, T), MetricSample.gauge("temp", 20, T));
    assertThat(registry.drainChanges()).as("nothing new, level unchanged").isEmpty();

    close(registry, MetricSample.gaugeDelta("temp", -5, T));
    assertThat(registry.drainChanges())
        .containsOnlyKeys("gauge:temp")
        .containsEntry("gauge:temp", level(15));
  }

  @Test
  void restoredRegistryKeepsGaugeLevelsAndIdleSeriesWithoutRecordingThemAgain() {
    SeriesRegistry before = registry(IdleSeriesPolicy.KEEP_ALL);
    close(
        before,
        MetricSample.counter("hits", 3, 1.0, T),
        MetricSample.gauge("temp", 20, T),
        MetricSample.set("users", "u1", T));
    Map<String, byte[]> saved = before.drainChanges();

    SeriesRegistry after = registry(IdleSeriesPolicy.KEEP_ALL);
    assertThat(after.restore(saved)).isZero();

    assertThat(close(after))
        .containsEntry("stats_counts.hits", 0.0)
        .containsEntry("stats.gauges.temp", 20.0)
        .containsEntry("stats.sets.users.count", 0.0);
    assertThat(after.drainChanges()).isEmpty();
    assertThat(close(after, MetricSample.gaugeDelta("temp", 2, T)))
        .containsEntry("stats.gauges.temp", 22.0);
  }

  @Test
  void seriesDeletedByAnIdlePolicyGetATombstoneOnlyIfTheyWereRecorded() {
    SeriesRegistry registry = registry(new IdleSeriesPolicy(true, false, false, false));
    Map<String, byte[]> restored = new HashMap<>();
    restored.put("counter:old", new byte[0]);
    registry.restore(restored);

    close(registry, MetricSample.counter("fresh", 1, 1.0, T));

    Map<String, byte[]> changes = registry.drainChanges();
    assertThat(changes).containsOnlyKeys("counter:old");
    assertThat(changes.get("counter:old")).isNull();
  }

  @Test
  void unreadableRecordsAreSkippedAndCounted() {
    SeriesRegistry registry = registry(IdleSeriesPolicy.KEEP_ALL);
    Map<String, byte[]> records = new HashMap<>();
    records.put("gauge:short", new byte[3]);
    records.put("histogram:x", new byte[0]);
    records.put("counter:gone", null);
    records.put("counter:ok", new byte[0]);

    assertThat(registry.restore(records)).isEqualTo(2);
    assertThat(registry.size()).isEqualTo(1);
  }
}
