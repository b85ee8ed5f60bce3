/**
 * The transports: a Netty UDP listener, TCP line listeners (StatsD over TCP, log lines) and an HTTP
 * log drain. Each frames its input and hands it to a Netty-free parser; a {@code ListenerSink} per
 * listener counts, applies the collector-wide {@code SeriesLimit}, and passes valid samples on to
 * publishing. UDP datagrams are parsed from their bytes by a {@code StatsdDatagramParser} per
 * receive thread, through a {@code ReceiveThreadSink} that counts once per datagram.
 *
 * <pre>
 * UDP datagram  → StatsdUdpListener → StatsdDatagramHandler → StatsdDatagramParser
 *                   → ReceiveThreadSink ───────────────────────────────────────────┐
 * TCP stream    → TcpLineListener → LineFrameDecoder → TcpLineHandler → TextParser ─┼→ ListenerSink
 * HTTP POST     → LogDrainListener → BodySizeLimit → LogDrainHandler → frames ──────┘   → batcher
 * </pre>
 *
 * <p>No listener dies of its input: bad lines are counted by reason, over-long lines and bodies are
 * counted and skipped, and an unexpected exception in a pipeline is counted and logged while the
 * channel stays open.
 */
package dev.mosaic.collector.listener;
