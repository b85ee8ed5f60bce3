/**
 * Log-format metrics (the l2met convention): {@code measure#}, {@code count#}, {@code sample#} and
 * {@code unique#} tokens found anywhere in a log line. No transport code lives here, so the TCP
 * line listener and the HTTP log drain share the parser.
 *
 * <pre>
 * log line → LogfmtMetricParser → StatsdSink (listener) → batcher
 * </pre>
 */
package dev.mosaic.collector.logfmt;
