package dev.mosaic.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends latency probes: counters {@code probe.<step>.<n>:1|c} with names never used before, and
 * remembers when each left, so that its first arrival at carbon gives the end-to-end latency
 * (datagram sent → carbon line received).
 */
final class ProbeSender implements AutoCloseable {
  private final DatagramChannel channel;
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

  ProbeSender(InetSocketAddress target) throws IOException {
    channel = DatagramChannel.open();
    channel.connect(target);
  }

  /** Sends one probe named {@code name} now. */
  void send(String name) throws IOException {
    byte[] line = (name + ":1|c").getBytes(StandardCharsets.US_ASCII);
    long now = System.nanoTime();
    try {
      channel.write(ByteBuffer.wrap(line));
    } catch (PortUnreachableException e) {
      return; // the server is not listening yet (ICMP from an earlier probe): not sent
    }
    sentAt.put(name, now);
  }

  Long sentAt(String name) {
    return sentAt.get(name);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
