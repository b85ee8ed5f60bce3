package dev.mosaic.collector.publish;

import dev.mosaic.contract.MetricSample;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One {@link SampleBatcher} per thread that adds samples, so that receive threads never wait for
 * each other's batches.
 *
 * <pre>
 * receive thread 1 → SampleBatcher ─┐
 * receive thread 2 → SampleBatcher ─┼→ BatchPublisher (KafkaSampleBatchPublisher)
 * flush thread     → SampleBatcher ─┘       ↑ each batcher's own linger wake-ups
 * </pre>
 *
 * <p>Each thread's batcher is created on its first sample and kept for the life of this object: the
 * threads that add are the listeners' event loops and the collector's flush thread, a fixed set. A
 * batcher's lock is then taken by its own thread and, at linger wake-ups, the flush thread only, so
 * it is practically never contended.
 *
 * <p>Order: the batches of one partition keep the order in which one thread added their samples;
 * samples added by different threads were never ordered with each other. The publisher is called by
 * several threads at once (see {@link BatchPublisher}). Batches are smaller than with one shared
 * batcher (one open batch per partition and thread), which the linger and size limits bound as
 * before.
 *
 * <p>Thread safety: {@link #add} from any thread; {@link #flushAll()} from any thread, typically
 * once at shutdown after the listeners stopped.
 */
public final class PerThreadBatchers {
  /** Schedules a task after a delay; must not block or run the task on the calling thread. */
  @FunctionalInterface
  public interface Scheduler {
    void schedule(Runnable task, long delayMillis);
  }

  private final BatchPublisher publisher;
  private final int partitions;
  private final int maxSamples;
  private final Duration linger;
  private final Clock clock;
  private final Scheduler scheduler;
  private final List<SampleBatcher> all = new CopyOnWriteArrayList<>();
  private final ThreadLocal<SampleBatcher> mine = ThreadLocal.withInitial(this::newBatcher);

  /**
   * @param publisher called by every thread that adds, and by the scheduler's thread
   * @param scheduler runs each batcher's {@link SampleBatcher#flushDue()} when its linger is due
   * @see SampleBatcher#SampleBatcher for the other parameters
   */
  public PerThreadBatchers(
      BatchPublisher publisher,
      int partitions,
      int maxSamples,
      Duration linger,
      Clock clock,
      Scheduler scheduler) {
    this.publisher = publisher;
    this.partitions = partitions;
    this.maxSamples = maxSamples;
    this.linger = linger;
    this.clock = clock;
    this.scheduler = scheduler;
    SampleBatcher.checkArguments(partitions, maxSamples, linger);
  }

  /** Adds the sample to the calling thread's batcher. */
  public void add(MetricSample sample) {
    mine.get().add(sample);
  }

  /** Publishes every open batch of every thread, whatever its age. */
  public void flushAll() {
    for (SampleBatcher batcher : all) {
      batcher.flushAll();
    }
  }

  /** How many threads have added samples; for tests. */
  int threads() {
    return all.size();
  }

  private SampleBatcher newBatcher() {
    // The wake-up names the batcher, which exists only once its constructor has returned.
    SampleBatcher[] self = new SampleBatcher[1];
    self[0] =
        new SampleBatcher(
            publisher,
            partitions,
            maxSamples,
            linger,
            clock,
            delay -> scheduler.schedule(() -> self[0].flushDue(), delay));
    all.add(self[0]);
    return self[0];
  }
}
