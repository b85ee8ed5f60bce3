package dev.mosaic.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.collector.testing.MutableClock;
import dev.mosaic.contract.MetricSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random sample sequences aggregated with Etsy StatsD's arithmetic, once as received and once as a
 * folding {@link SampleBatcher} published them: every interval's result must be the same to the
 * last bit. The model does what {@code IntervalState} and {@code GaugeChange} in the aggregator do:
 * a counter adds {@code value * (1 / rate)} onto a running total, a gauge set replaces the
 * interval's level and a delta is added to it, a set keeps distinct members, a timer every value.
 */
class FoldingEquivalenceTest {
  private static final long START = 1_700_000_000_000L;

  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>();
    for (long seed = 1; seed <= 40; seed++) {
      // 1 s intervals, and 10 s ones that span many batches and seconds
      runs.add(Arguments.of(seed, seed % 2 == 0 ? 1_000 : 10_000));
    }
    return runs.stream();
  }

  @ParameterizedTest(name = "seed {0}, interval {1} ms")
  @MethodSource("runs")
  void foldedBatchesAggregateExactlyLikeTheSamplesReceived(long seed, long intervalMillis) {
    SplittableRandom random = new SplittableRandom(seed);
    MutableClock clock = new MutableClock(START);
    List<MetricSample> published = new ArrayList<>();
    long[] folded = new long[1];
    SampleBatcher batcher =
        new SampleBatcher(
            (partition, batch) -> published.addAll(batch.samples()),
            3,
            2 + random.nextInt(40),
            Duration.ofMillis(50),
            clock,
            delay -> {},
            new SampleFolding(true, n -> folded[0] += n));
    List<MetricSample> received = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      int step = random.nextInt(100);
      clock.advance(Duration.ofMillis(step < 90 ? random.nextInt(20) : 200));
      if (step == 99) {
        clock.advance(Duration.ofMillis(-random.nextInt(1_500))); // a wall clock stepped back
      }
      MetricSample sample = randomSample(random, clock.millis());
      received.add(sample);
      batcher.add(sample);
      if (random.nextInt(200) == 0) {
        batcher.flushDue();
      }
    }
    batcher.flushAll();

    assertThat(published.size() + folded[0]).isEqualTo(received.size());
    assertThat(folded[0]).as("something was folded").isPositive();
    assertThat(aggregate(published, intervalMillis)).isEqualTo(aggregate(received, intervalMillis));
  }

  private static MetricSample randomSample(SplittableRandom random, long at) {
    int kind = random.nextInt(4);
    String name = "m" + random.nextInt(4);
    return switch (kind) {
      case 0 -> MetricSample.counter(name, value(random), rate(random), at);
      case 1 ->
          random.nextInt(3) == 0
              ? MetricSample.gauge(name, value(random), at)
              : MetricSample.gaugeDelta(name, value(random), at);
      case 2 -> MetricSample.set(name, "u" + random.nextInt(4), at);
      default -> MetricSample.timer(name, value(random), rate(random), at);
    };
  }

  /** Mostly small integers, some fractions, negative zero and values near the exact bound. */
  private static double value(SplittableRandom random) {
    int pick = random.nextInt(40);
    if (pick == 0) {
      return -0.0;
    }
    if (pick == 1) {
      return InexactNames.EXACT_BOUND - random.nextInt(3);
    }
    if (pick == 2) {
      return random.nextDouble(-1e6, 1e6);
    }
    if (pick < 5) {
      return random.nextInt(10) / 10.0;
    }
    return random.nextInt(-20, 50);
  }

  private static double rate(SplittableRandom random) {
    double[] rates = {1.0, 1.0, 1.0, 0.5, 0.1, 0.3, 0.25};
    return rates[random.nextInt(rates.length)];
  }

  /** Per (name, type, interval) the result's bits, as text, so that a mismatch shows readably. */
  private static Map<String, String> aggregate(List<MetricSample> samples, long intervalMillis) {
    Map<String, double[]> counters = new HashMap<>();
    Map<String, double[]> gauges = new HashMap<>(); // {set ? 1 : 0, value}
    Map<String, TreeSet<String>> sets = new HashMap<>();
    Map<String, List<String>> timers = new HashMap<>();
    for (MetricSample s : samples) {
      String key =
          s.name() + "/" + s.type() + "/" + Math.floorDiv(s.receivedAtMillis(), intervalMillis);
      switch (s.type()) {
        case COUNTER ->
            counters.computeIfAbsent(key, k -> new double[1])[0] +=
                s.value() * (1 / s.sampleRate());
        case GAUGE -> {
          double[] change = gauges.computeIfAbsent(key, k -> new double[2]);
          if (s.delta()) {
            change[1] += s.value();
          } else {
            change[0] = 1;
            change[1] = s.value();
          }
        }
        case SET -> sets.computeIfAbsent(key, k -> new TreeSet<>()).add(s.member());
        case TIMER ->
            timers
                .computeIfAbsent(key, k -> new ArrayList<>())
                .add(bits(s.value()) + "@" + bits(s.sampleRate()));
      }
    }
    Map<String, String> result = new HashMap<>();
    counters.forEach((k, v) -> result.put(k, bits(v[0])));
    gauges.forEach((k, v) -> result.put(k, (v[0] == 1 ? "set " : "move ") + bits(v[1])));
    sets.forEach((k, v) -> result.put(k, v.toString()));
    timers.forEach((k, v) -> result.put(k, v.toString()));
    return result;
  }

  private static String bits(double value) {
    return value + "=" + Long.toHexString(Double.doubleToRawLongBits(value));
  }
}
