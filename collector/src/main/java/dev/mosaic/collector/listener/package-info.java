/**
 * The UDP listener: a Netty datagram channel whose one handler stamps the receive time, counts the
 * datagram, and feeds its text to the StatsD parser; parsed samples go on to publishing.
 *
 * <pre>
 * UDP datagram → StatsdUdpListener (Netty, epoll or NIO) → StatsdDatagramHandler
 *     → StatsdPacketSplitter → StatsdLineParser → SampleBatcher
 * </pre>
 *
 * <p>The listener never dies of its input: bad lines are counted by reason, and an unexpected
 * exception in the pipeline is counted and logged while the channel stays open.
 */
package dev.mosaic.collector.listener;
