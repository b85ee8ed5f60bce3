package dev.mosaic.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a {@link PacketPool}'s datagrams to one UDP port at a fixed rate for a fixed time, from
 * several threads, each with its own socket and an equal share of the rate.
 *
 * <p>Pacing is by schedule, not by sleep per packet: packet {@code i} of a thread is due at {@code
 * start + i * period}; a thread that falls behind sends without pausing until it has caught up, so
 * short stalls do not lower the offered rate. A thread that cannot keep up at all shows in the
 * achieved rate, which is what the harness reports as offered.
 */
final class PacedSender {
  private final PacketPool pool;
  private final InetSocketAddress target;
  private final int threads;

  PacedSender(PacketPool pool, InetSocketAddress target, int threads) {
    this.pool = pool;
    this.target = target;
    this.threads = threads;
  }

  /** Sends for {@code seconds} at {@code linesPerSecond} in total; returns what was sent. */
  Offered send(double linesPerSecond, double seconds) throws InterruptedException {
    double packetsPerSecondPerThread = linesPerSecond / pool.linesPerPacket() / threads;
    long periodNanos = Math.max(1, Math.round(1e9 / packetsPerSecondPerThread));
    long start = System.nanoTime() + 20_000_000; // all threads start together
    long end = start + Math.round(seconds * 1e9);
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Offered>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        Callable<Offered> part = () -> sendPart(first, start, end, periodNanos);
        parts.add(executor.submit(part));
      }
      Offered total = new Offered(0, 0, 0, 0);
      for (Future<Offered> part : parts) {
        total = total.plus(part.get());
      }
      return total;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a sender failed", e.getCause());
    } finally {
      executor.shutdownNow();
    }
  }

  private Offered sendPart(int first, long start, long end, long periodNanos) throws IOException {
    try (DatagramChannel channel = DatagramChannel.open()) {
      channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
      channel.connect(target);
      ByteBuffer[] buffers = new ByteBuffer[pool.size()];
      for (int i = 0; i < buffers.length; i++) {
        buffers[i] = ByteBuffer.wrap(pool.packet(i));
      }
      long packets = 0;
      long counterLines = 0;
      // threads start at different places of the pool, so they do not send the same packet together
      int index = (int) ((long) first * pool.size() / threads);
      long due = start;
      while (true) {
        long now = System.nanoTime();
        if (now >= end) {
          break;
        }
        if (now < due) {
          long wait = due - now;
          if (wait > 50_000) {
            LockSupport.parkNanos(wait - 20_000);
          } else {
            Thread.onSpinWait();
          }
          continue;
        }
        ByteBuffer buffer = buffers[index];
        buffer.clear();
        try {
          channel.write(buffer);
        } catch (PortUnreachableException e) {
          // nothing listened at that instant (ICMP from an earlier datagram): it counts as offered
        }
        packets++;
        counterLines += pool.counterLines(index);
        if (++index == pool.size()) {
          index = 0;
        }
        due += periodNanos;
      }
      double seconds = (Math.min(System.nanoTime(), end) - start) / 1e9;
      return new Offered(packets, packets * pool.linesPerPacket(), counterLines, seconds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
