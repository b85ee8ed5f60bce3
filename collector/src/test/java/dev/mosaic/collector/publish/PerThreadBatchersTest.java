package dev.mosaic.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.collector.testing.MutableClock;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.SampleBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PerThreadBatchersTest {
  private static final Duration LINGER = Duration.ofMillis(100);
  private static final int THREADS = 4;
  private static final int SAMPLES_PER_THREAD = 5_000;

  private final MutableClock clock = new MutableClock(1_000_000);
  private final List<SampleBatch> published = Collections.synchronizedList(new ArrayList<>());
  private final List<Runnable> scheduled = Collections.synchronizedList(new ArrayList<>());

  private PerThreadBatchers batchers(int maxSamples) {
    return new PerThreadBatchers(
        (partition, batch) -> published.add(batch),
        1,
        maxSamples,
        LINGER,
        clock,
        (task, delay) -> scheduled.add(task));
  }

  @Test
  void concurrentThreadsEachKeepTheirOwnOrderAndLoseNothing() throws Exception {
    PerThreadBatchers batchers = batchers(100);
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String name = "thread" + t;
      Thread thread =
          new Thread(
              () -> {
                awaitQuietly(start);
                for (int i = 0; i < SAMPLES_PER_THREAD; i++) {
                  batchers.add(MetricSample.counter(name, i, 1.0, clock.millis()));
                }
              });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    batchers.flushAll();

    assertThat(batchers.threads()).isEqualTo(THREADS);
    List<MetricSample> all =
        published.stream().flatMap(b -> b.samples().stream()).collect(Collectors.toList());
    assertThat(all).hasSize(THREADS * SAMPLES_PER_THREAD);
    for (int t = 0; t < THREADS; t++) {
      String name = "thread" + t;
      assertThat(all.stream().filter(s -> s.name().equals(name)).map(MetricSample::value))
          .as(name)
          .isSorted()
          .hasSize(SAMPLES_PER_THREAD);
    }
    // Each batch holds the samples of one thread only: nothing was shared between threads.
    assertThat(published)
        .allSatisfy(
            b ->
                assertThat(b.samples())
                    .extracting(MetricSample::name)
                    .containsOnly(b.samples().get(0).name()));
  }

  @Test
  void eachThreadsBatcherLingersOnItsOwnWakeUp() throws Exception {
    PerThreadBatchers batchers = batchers(1_000);
    batchers.add(MetricSample.counter("main", 1, 1.0, clock.millis()));
    Thread other =
        new Thread(() -> batchers.add(MetricSample.counter("other", 1, 1.0, clock.millis())));
    other.start();
    other.join();

    assertThat(scheduled).hasSize(2);
    assertThat(published).isEmpty();
    clock.advance(LINGER);
    scheduled.forEach(Runnable::run);

    assertThat(published)
        .extracting(b -> b.samples().get(0).name())
        .containsExactlyInAnyOrder("main", "other");
  }

  @Test
  void badArgumentsFailAtConstructionNotAtTheFirstSample() {
    assertThatThrownBy(() -> batchers(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
