/**
 * The StatsD wire format, with no transport in it: a datagram's text is split into lines, each line
 * is parsed into {@link dev.mosaic.contract.MetricSample}s with a sanitised name, and every line
 * that is not valid StatsD is reported with a {@link dev.mosaic.collector.statsd.BadLineReason}.
 *
 * <pre>
 * datagram text → StatsdPacketSplitter → StatsdLineParser (StatsdNameSanitizer, DecimalParser,
 *     GraphiteTagSuffix) → StatsdSink: samples, bad lines
 * datagram bytes → StatsdDatagramParser (StatsdNameTable, StatsdByteValues) → StatsdSink
 * </pre>
 *
 * <p>The grammar is Etsy StatsD 0.9.0's, plus DogStatsD tags and distributions; every place this
 * package deliberately differs from it is listed in {@code docs/collector.md}. Nothing here imports
 * Netty: the UDP and TCP listeners share these classes. {@link
 * dev.mosaic.collector.statsd.StatsdSink}, {@code BadLineReason}, {@code ValueRange} and {@code
 * DecimalParser} also serve the log-format parser. Every class is stateless and safe to share
 * between threads, except {@code StatsdDatagramParser}: it keeps a name table, one per receive
 * thread.
 */
package dev.mosaic.collector.statsd;
