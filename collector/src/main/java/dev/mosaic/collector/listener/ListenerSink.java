package dev.mosaic.collector.listener;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.statsd.BadLineReason;
import dev.mosaic.collector.statsd.StatsdSink;
import dev.mosaic.contract.MetricSample;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every parser of one listener reports: counts, applies the series limit, logs bad lines
 * (throttled) and hands valid samples on.
 *
 * <pre>
 * StatsdLineParser / LogfmtMetricParser → ListenerSink → SeriesLimit → samples consumer (batcher)
 * </pre>
 *
 * <p>Thread safety: as safe as the consumer; counters, the limit and the throttle are thread-safe.
 */
final class ListenerSink implements StatsdSink {
  private static final Logger log = LoggerFactory.getLogger(ListenerSink.class);

  private final String listener;
  private final ListenerMeters meters;
  private final SeriesLimit series;
  private final Consumer<MetricSample> samples;
  private final LogThrottle badLineLog;

  /**
   * @param listener named in log messages, e.g. {@code StatsD/UDP}
   * @param samples takes every admitted sample, on the caller's thread; must not block
   */
  ListenerSink(
      String listener,
      ListenerMeters meters,
      SeriesLimit series,
      Consumer<MetricSample> samples,
      LogThrottle badLineLog) {
    this.listener = listener;
    this.meters = meters;
    this.series = series;
    this.samples = samples;
    this.badLineLog = badLineLog;
  }

  ListenerMeters meters() {
    return meters;
  }

  @Override
  public void sample(MetricSample sample) {
    if (!series.admit(sample.name())) {
      meters.droppedForCardinality.increment();
      return;
    }
    meters.samples.increment();
    samples.accept(sample);
  }

  /** Asks the collector-wide series limit; a refusal is final, as the limit never forgets. */
  @Override
  public boolean admits(String name) {
    return series.admit(name);
  }

  @Override
  public void admittedSample(MetricSample sample) {
    meters.samples.increment();
    samples.accept(sample);
  }

  @Override
  public void refusedSample() {
    meters.droppedForCardinality.increment();
  }

  /** Where admitted samples go. */
  Consumer<MetricSample> samples() {
    return samples;
  }

  @Override
  public void badLine(BadLineReason reason, CharSequence line) {
    meters.badLine(reason);
    if (badLineLog.shouldLog()) {
      log.warn(
          "bad {} line ({}): '{}' ({} more bad lines not logged)",
          listener,
          reason.tag(),
          abbreviate(line),
          badLineLog.suppressedSinceLastLog());
    }
  }

  @Override
  public void tagsIgnored() {
    meters.ignoredTags.increment();
  }

  /** At most 200 characters, control characters shown as {@code ?} so a line cannot forge logs. */
  private static String abbreviate(CharSequence line) {
    int length = Math.min(line.length(), 200);
    StringBuilder out = new StringBuilder(length + 3);
    for (int i = 0; i < length; i++) {
      char c = line.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return length < line.length() ? out.append("...").toString() : out.toString();
  }
}
