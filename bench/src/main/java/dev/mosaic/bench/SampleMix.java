package dev.mosaic.bench;

import dev.mosaic.contract.MetricSample;
import java.util.SplittableRandom;

/**
 * Deterministic mixes of pre-built samples, so the benchmarks measure the code under test and not
 * the building of its input.
 *
 * <pre>
 * SampleMix → benchmark → IntervalAggregator / SampleBatchSerde
 * </pre>
 */
final class SampleMix {
  private SampleMix() {}

  /**
   * {@code count} samples cycling over {@code distinctNames} names: 40 % counters (half sampled at
   * 0.1), 30 % timers, 20 % gauges (a quarter of them deltas), 10 % sets with 16 members.
   */
  static MetricSample[] mixed(int count, int distinctNames, long receivedAtMillis) {
    return mixed(count, distinctNames, 1, receivedAtMillis);
  }

  /**
   * Like {@link #mixed(int, int, long)}, but each name comes {@code runLength} times in a row, all
   * of them sharing one name {@code String}: what a record of the samples topic decodes to when the
   * collector received that many samples of each series in one batch.
   */
  static MetricSample[] mixed(int count, int distinctNames, int runLength, long receivedAtMillis) {
    SplittableRandom random = new SplittableRandom(42);
    MetricSample[] samples = new MetricSample[count];
    for (int i = 0; i < count; i++) {
      int id = (i / runLength) % distinctNames;
      MetricSample sample = sample(id, random, receivedAtMillis);
      if (i % runLength != 0) {
        sample = withName(sample, samples[i - 1].name());
      }
      samples[i] = sample;
    }
    return samples;
  }

  private static MetricSample withName(MetricSample s, String name) {
    return new MetricSample(
        name, s.type(), s.value(), s.member(), s.delta(), s.sampleRate(), s.receivedAtMillis());
  }

  private static MetricSample sample(int id, SplittableRandom random, long at) {
    // The type follows the name, so one name never changes type between samples.
    int kind = id % 10;
    if (kind < 4) {
      String name = "app.host" + (id % 50) + ".requests.c" + id;
      return MetricSample.counter(name, 1 + random.nextInt(5), kind < 2 ? 1.0 : 0.1, at);
    }
    if (kind < 7) {
      return MetricSample.timer("app.latency.t" + id, random.nextDouble(0, 2_000), 1.0, at);
    }
    if (kind < 9) {
      String name = "app.queue.depth.g" + id;
      double value = random.nextInt(1_000);
      return random.nextInt(4) == 0
          ? MetricSample.gaugeDelta(name, value - 500, at)
          : MetricSample.gauge(name, value, at);
    }
    return MetricSample.set("app.users.s" + id, "user" + random.nextInt(16), at);
  }
}
