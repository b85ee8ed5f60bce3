package dev.mosaic.collector.statsd;

/**
 * What one raw StatsD name and tag field became: the sample name, whether tags were dropped, and
 * (asked lazily, once) whether the sink admits the name.
 *
 * <pre>
 * StatsdDatagramParser → StatsdNameTable → ResolvedName → MetricSample.name
 * </pre>
 *
 * <p>Admission is asked only when the first valid value arrives, as {@link StatsdLineParser}'s sink
 * is: a name whose values are all bad never takes a place under a series cap.
 */
final class ResolvedName {
  private static final byte UNASKED = 0;
  private static final byte ADMITTED = 1;
  private static final byte REFUSED = 2;

  /** The sample name, sanitised, with the Graphite tag suffix; null if it sanitised to nothing. */
  final String name;

  /** Whether the line's tags were (partly) dropped: reported once per line. */
  final boolean tagsIgnored;

  private byte admission = UNASKED;

  ResolvedName(String name, boolean tagsIgnored) {
    this.name = name;
    this.tagsIgnored = tagsIgnored;
  }

  /** Whether {@code sink} admits this name; asks it the first time only. */
  boolean admittedBy(StatsdSink sink) {
    if (admission == UNASKED) {
      admission = sink.admits(name) ? ADMITTED : REFUSED;
    }
    return admission == ADMITTED;
  }
}
