package dev.mosaic.aggregator.statsd;

import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.MetricType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Puts samples into wall-clock-aligned intervals by their receive time and closes each interval,
 * oldest first, once the input's watermark has passed it. Pure: no Kafka, no clock of its own —
 * every call says what time it is.
 *
 * <pre>
 *   MetricSample → add → open intervals [t, t+L) → flushNext (watermark ≥ t+L) → FlushedInterval
 * </pre>
 *
 * <p>Intervals are flushed contiguously: once the first one is flushed, every later interval is
 * flushed in turn, even with no samples, so idle series report zero. A sample whose interval was
 * already flushed is late: it is counted in {@code mosaic.aggregator.late_samples} and added to the
 * oldest interval still open. A sample stamped more than one interval after {@code now} (a
 * collector clock running ahead) is counted in {@code mosaic.aggregator.future_samples} and added
 * to the interval holding {@code now}, so it can neither pin offsets until its time comes nor be
 * lost. A sample with a non-finite value, or a timer value outside {@link TimerStatistics#accepts},
 * is counted in {@code mosaic.aggregator.bad_samples} and skipped.
 *
 * <p>The first interval flushed is never older than where the previous owner of the input stopped
 * ({@link #resumeFrom}, from the committed marker), nor older than {@code maxCatchUp} before the
 * time its first sample arrived: a sample older than that is late like any other. Without this
 * floor one sample stamped in 1970 would make it publish every interval since.
 *
 * <p>Not thread-safe: one aggregation thread owns it.
 */
public final class IntervalAggregator {
  /** What {@link #addSample} returns for a sample it skipped as bad: no interval starts there. */
  public static final long SKIPPED = Long.MIN_VALUE;

  private final long intervalMillis;
  private final long graceMillis;
  private final long maxCatchUpMillis;
  private final int exactTimerSamples;
  private final TimerHistogramBins histograms;
  private final NavigableMap<Long, IntervalState> open = new TreeMap<>();
  private final SeriesRegistry series;
  private final Counter lateSamples;
  private final Counter futureSamples;
  private final Counter badSamples;
  private boolean flushedAny;
  private long nextToFlush;
  private long resumeFrom = Long.MIN_VALUE;

  // The aligned interval of the last receive time seen, [receivedFrom, receivedTo): consecutive
  // samples mostly share one, so the division is done only when it changes. Empty at first.
  private long receivedFrom = 1;
  private long receivedTo = 0;

  // The open interval the last sample went to, so that the map is consulted only when the
  // interval changes. Never stale: flushNext removes only intervals before nextToFlush, which add
  // never returns again; the methods that clear the map forget it.
  private long lastStart = SKIPPED;
  private IntervalState lastState;

  /**
   * @param interval the interval length, whole seconds
   * @param grace how long after an interval's end {@link #flushNext(long, long)} waits for its
   *     samples
   * @param maxCatchUp how far before {@code now} the first interval flushed may start, when no
   *     committed marker says where to resume
   * @param percentiles the timer thresholds to report
   * @param exactTimerSamples how many values per timer and interval are kept raw (see {@link
   *     TimerStatistics})
   * @param meters where the sample counters are registered
   */
  public IntervalAggregator(
      Duration interval,
      Duration grace,
      Duration maxCatchUp,
      List<PercentileThreshold> percentiles,
      int exactTimerSamples,
      MeterRegistry meters) {
    this(
        interval,
        grace,
        maxCatchUp,
        StatsdSettings.defaults(percentiles, exactTimerSamples),
        meters);
  }

  /**
   * @param interval the interval length, whole seconds
   * @param grace how long after an interval's end {@link #flushNext(long, long)} waits for its
   *     samples
   * @param maxCatchUp how far before {@code now} the first interval flushed may start, when no
   *     committed marker says where to resume
   * @param statsd what each interval reports and under which names
   * @param meters where the sample counters are registered
   */
  public IntervalAggregator(
      Duration interval,
      Duration grace,
      Duration maxCatchUp,
      StatsdSettings statsd,
      MeterRegistry meters) {
    if (interval.toMillis() < 1000 || interval.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("interval must be whole seconds: " + interval);
    }
    this.intervalMillis = interval.toMillis();
    this.graceMillis = grace.toMillis();
    this.maxCatchUpMillis = maxCatchUp.toMillis();
    this.exactTimerSamples = statsd.exactTimerSamples();
    this.histograms = statsd.histograms();
    this.lateSamples = meters.counter("mosaic.aggregator.late_samples");
    this.futureSamples = meters.counter("mosaic.aggregator.future_samples");
    this.badSamples = meters.counter("mosaic.aggregator.bad_samples");
    this.series = new SeriesRegistry(statsd, meters.counter("mosaic.aggregator.non_finite_points"));
  }

  /** The start of the aligned interval holding {@code epochMillis}. */
  public long intervalStartOf(long epochMillis) {
    return Math.floorDiv(epochMillis, intervalMillis) * intervalMillis;
  }

  /**
   * Adds a sample to the interval its receive time falls in (or, if late or far in the future, the
   * one described in the class documentation).
   *
   * @return the start of the interval that now holds the sample; empty if it was bad and skipped
   */
  public OptionalLong add(MetricSample sample, long nowMillis) {
    return add(sample, nowMillis, Long.MIN_VALUE);
  }

  /**
   * Like {@link #add(MetricSample, long)}, for a sample whose input partition was published by a
   * previous owner up to {@code publishedBeforeMillis}: an older sample is late and goes to the
   * interval starting there, never to one that owner already published.
   *
   * @param publishedBeforeMillis {@link Long#MIN_VALUE} when nothing is known
   */
  public OptionalLong add(MetricSample sample, long nowMillis, long publishedBeforeMillis) {
    long start = addSample(sample, nowMillis, publishedBeforeMillis);
    return start == SKIPPED ? OptionalLong.empty() : OptionalLong.of(start);
  }

  /**
   * Like {@link #add(MetricSample, long, long)}, without an object per sample: the aggregation
   * thread's per-sample call.
   *
   * @return the start of the interval that now holds the sample; {@link #SKIPPED} if it was bad
   */
  public long addSample(MetricSample sample, long nowMillis, long publishedBeforeMillis) {
    if (!Double.isFinite(sample.value())
        || (sample.type() == MetricType.TIMER && !TimerStatistics.accepts(sample.value()))) {
      badSamples.increment();
      return SKIPPED;
    }
    long start = receivedIntervalOf(sample.receivedAtMillis());
    if (sample.receivedAtMillis() > nowMillis + intervalMillis) {
      futureSamples.increment();
      start = intervalStartOf(nowMillis);
    }
    long oldestOpen =
        flushedAny
            ? nextToFlush
            : Math.max(resumeFrom, intervalStartOf(nowMillis - maxCatchUpMillis));
    if (publishedBeforeMillis != Long.MIN_VALUE) {
      oldestOpen = Math.max(oldestOpen, intervalStartOf(publishedBeforeMillis));
    }
    if (start < oldestOpen) {
      lateSamples.increment();
      start = oldestOpen;
    }
    if (start != lastStart || lastState == null) {
      lastState =
          open.computeIfAbsent(start, s -> new IntervalState(exactTimerSamples, histograms));
      lastStart = start;
    }
    lastState.add(sample);
    return start;
  }

  /** {@link #intervalStartOf}, remembering the last result. */
  private long receivedIntervalOf(long receivedAtMillis) {
    if (receivedAtMillis >= receivedFrom && receivedAtMillis < receivedTo) {
      return receivedFrom;
    }
    long start = intervalStartOf(receivedAtMillis);
    if (start <= receivedAtMillis && start <= Long.MAX_VALUE - intervalMillis) { // no overflow
      receivedFrom = start;
      receivedTo = start + intervalMillis;
    }
    return start;
  }

  /**
   * Closes the oldest open interval if the wall clock alone says it is due: {@code nowMillis} has
   * passed its end plus the grace, and {@code inputFrontierMillis} — the receive time up to which
   * every input partition has been read — has passed its end. The same as {@link #flushNext(long)}
   * with the least of {@code nowMillis - grace} and the frontier; for input whose watermark is not
   * tracked per partition (benchmarks, tests).
   *
   * @param inputFrontierMillis {@link Long#MAX_VALUE} when the input is fully read
   */
  public Optional<FlushedInterval> flushNext(long nowMillis, long inputFrontierMillis) {
    return flushNext(Math.min(nowMillis - graceMillis, inputFrontierMillis));
  }

  /**
   * Closes the oldest open interval if {@code watermarkMillis} — the receive time up to which the
   * input is taken to be complete — has reached its end. Call repeatedly until empty to flush
   * everything due.
   *
   * @param watermarkMillis {@link Long#MIN_VALUE} to close nothing
   */
  public Optional<FlushedInterval> flushNext(long watermarkMillis) {
    if (!flushedAny) {
      if (open.isEmpty()) {
        return Optional.empty();
      }
      nextToFlush = open.firstKey();
    }
    long end = nextToFlush + intervalMillis;
    if (watermarkMillis < end) {
      return Optional.empty();
    }
    IntervalState state = open.remove(nextToFlush);
    FlushedInterval flushed =
        series.close(
            nextToFlush,
            intervalMillis,
            state == null ? new IntervalState(exactTimerSamples, histograms) : state);
    flushedAny = true;
    nextToFlush = end;
    return Optional.of(flushed);
  }

  /**
   * Before the first flush: every interval before {@code flushedBeforeMillis} was already published
   * (by a previous owner of the input), so samples for them are late. Ignored after the first
   * flush.
   */
  public void resumeFrom(long flushedBeforeMillis) {
    if (!flushedAny) {
      resumeFrom = Math.max(resumeFrom, intervalStartOf(flushedBeforeMillis));
    }
  }

  /**
   * Forgets which intervals were flushed, as if nothing had been: after the input is rewound to its
   * last committed position, flushing starts again from there ({@link #resumeFrom}). Known series
   * and gauge levels stay.
   */
  public void restartFlushing() {
    open.clear();
    lastState = null;
    flushedAny = false;
    resumeFrom = Long.MIN_VALUE;
  }

  /** The start of the oldest interval not yet flushed; empty before the first flush. */
  public OptionalLong nextToFlush() {
    return flushedAny ? OptionalLong.of(nextToFlush) : OptionalLong.empty();
  }

  /** Drops every open interval (their input is about to be read again); flushed ones stay so. */
  public void discardOpenIntervals() {
    open.clear();
    lastState = null;
  }

  /** Forgets the known series and gauge levels whose source name matches. */
  public void forgetSeries(Predicate<String> sourceName) {
    series.forget(sourceName);
  }

  /**
   * The changelog records (key → value, null for a tombstone) of the intervals flushed since the
   * last call; see {@link SeriesChangelog} for their format.
   */
  public Map<String, byte[]> drainSeriesChanges() {
    return series.drainChanges();
  }

  /**
   * Knows the series of the latest changelog records from now on, gauges with their levels, as the
   * previous owner of their partitions left them; between flushes only.
   *
   * @return how many records were unreadable and skipped
   */
  public int restoreSeries(Map<String, byte[]> latestRecords) {
    return series.restore(latestRecords);
  }

  /** How many series (counters, timers, gauges, sets) are reported every interval. */
  public int seriesCount() {
    return series.size();
  }

  /** How many intervals hold samples and are not flushed yet. */
  public int openIntervalCount() {
    return open.size();
  }
}
