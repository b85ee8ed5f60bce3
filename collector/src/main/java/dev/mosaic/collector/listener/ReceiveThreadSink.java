package dev.mosaic.collector.listener;

import dev.mosaic.collector.statsd.BadLineReason;
import dev.mosaic.collector.statsd.StatsdSink;
import dev.mosaic.contract.MetricSample;
import java.util.function.Consumer;

/**
 * One receive thread's view of its listener's {@link ListenerSink}: it tallies samples, refusals
 * and dropped tags in plain fields and adds them to the shared meters once per read (a batch of
 * datagrams).
 *
 * <pre>
 * StatsdDatagramParser → ReceiveThreadSink → samples consumer (batcher); flush → ListenerMeters
 * </pre>
 *
 * <p>Why: a Micrometer counter increment per line was a measurable share of the receive thread. Bad
 * lines are rare and go straight to the shared sink, which logs them. Thread safety: none; one per
 * event-loop thread, and {@link #flush} on that thread after each read.
 */
final class ReceiveThreadSink implements StatsdSink {
  private final ListenerSink shared;
  private final ListenerMeters meters;
  private final Consumer<MetricSample> samples;
  private int admitted;
  private int refused;
  private int ignoredTags;

  ReceiveThreadSink(ListenerSink shared) {
    this.shared = shared;
    this.meters = shared.meters();
    this.samples = shared.samples();
  }

  /** A sample whose name was not asked about ahead: the shared sink applies the limit. */
  @Override
  public void sample(MetricSample sample) {
    shared.sample(sample);
  }

  @Override
  public boolean admits(String name) {
    return shared.admits(name);
  }

  @Override
  public void admittedSample(MetricSample sample) {
    admitted++; // before the hand-off, as ListenerSink counts: a failing consumer still counts
    samples.accept(sample);
  }

  @Override
  public void refusedSample() {
    refused++;
  }

  @Override
  public void badLine(BadLineReason reason, CharSequence line) {
    shared.badLine(reason, line);
  }

  @Override
  public void tagsIgnored() {
    ignoredTags++;
  }

  /** Adds what was tallied since the last call to the meters. */
  void flush() {
    if (admitted > 0) {
      meters.samples.increment(admitted);
      admitted = 0;
    }
    if (refused > 0) {
      meters.droppedForCardinality.increment(refused);
      refused = 0;
    }
    if (ignoredTags > 0) {
      meters.ignoredTags.increment(ignoredTags);
      ignoredTags = 0;
    }
  }
}
