package dev.mosaic.collector.statsd;

/**
 * What one raw StatsD name and tag field became: the sample name, whether tags were dropped, and
 * (asked lazily, once) whether the sink admits the name; also its key in {@link StatsdNameTable}.
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

  /** The raw name bytes then tag bytes it was resolved from; null if no table holds it. */
  final byte[] key;

  /** How many bytes of {@link #key} are the name. */
  final int nameLength;

  /** {@link StatsdNameTable#hash} of the key. */
  final int hash;

  private byte admission = UNASKED;

  ResolvedName(String name, boolean tagsIgnored, byte[] key, int nameLength, int hash) {
    this.name = name;
    this.tagsIgnored = tagsIgnored;
    this.key = key;
    this.nameLength = nameLength;
    this.hash = hash;
  }

  /** Whether {@code sink} admits this name; asks it the first time only. */
  boolean admittedBy(StatsdSink sink) {
    if (admission == UNASKED) {
      admission = sink.admits(name) ? ADMITTED : REFUSED;
    }
    return admission == ADMITTED;
  }
}
