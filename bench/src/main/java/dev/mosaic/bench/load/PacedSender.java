package dev.mosaic.bench.load;

import java.io.IOException;
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
 * The {@code --sender=channel} {@link LoadSender}: one JDK {@link DatagramChannel#write} (one
 * {@code send} system call) per datagram, from several threads with an equal share of the rate.
 * Each thread sends from {@value #SOCKETS_PER_THREAD} sockets in turn, so the server sees several
 * clients (source ports), as a StatsD server does in production and as {@code SO_REUSEPORT} needs
 * to spread the load.
 *
 * <p>Pacing is by schedule, not by sleep per packet: packet {@code i} of a thread is due at {@code
 * start + i * period}; a thread that falls behind sends without pausing until it has caught up, so
 * short stalls do not lower the offered rate. A thread that cannot keep up at all shows in the
 * achieved rate, which is what the harness reports as offered.
 */
final class PacedSender implements LoadSender {
  static final int SOCKETS_PER_THREAD = 4;

  private final PacketPool pool;
  private final InetSocketAddress target;
  private final int threads;

  PacedSender(PacketPool pool, InetSocketAddress target, int threads) {
    this.pool = pool;
    this.target = target;
    this.threads = threads;
  }

  @Override
  public String name() {
    return "channel";
  }

  @Override
  public Offered send(double linesPerSecond, double seconds) throws InterruptedException {
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
      Offered total = Offered.NONE;
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

  @Override
  public void close() {
    // every step opens and closes its own sockets
  }

  private Offered sendPart(int first, long start, long end, long periodNanos) throws IOException {
    DatagramChannel[] channels = new DatagramChannel[SOCKETS_PER_THREAD];
    try {
      for (int c = 0; c < channels.length; c++) {
        channels[c] = DatagramChannel.open();
        channels[c].setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
        channels[c].connect(target);
      }
      ByteBuffer[] buffers = new ByteBuffer[pool.size()];
      for (int i = 0; i < buffers.length; i++) {
        buffers[i] = ByteBuffer.wrap(pool.packet(i));
      }
      long due = 0;
      long packets = 0;
      long counterLines = 0;
      long failed = 0;
      // threads start at different places of the pool, so they do not send the same packet together
      int index = (int) ((long) first * pool.size() / threads);
      long dueAt = start;
      while (true) {
        long now = System.nanoTime();
        if (now >= end) {
          break;
        }
        if (now < dueAt) {
          // No spinning: the harness shares the cores with the server it measures. A park lasts
          // at least ~50 µs, so at high rates packets leave in small bursts that keep the average.
          LockSupport.parkNanos(dueAt - now);
          continue;
        }
        ByteBuffer buffer = buffers[index];
        buffer.clear();
        try {
          channels[(int) (due % channels.length)].write(buffer);
          packets++;
          counterLines += pool.counterLines(index);
        } catch (PortUnreachableException e) {
          // nothing listened a moment ago (ICMP from an earlier datagram): this one did not leave
          failed++;
        }
        due++;
        if (++index == pool.size()) {
          index = 0;
        }
        dueAt += periodNanos;
      }
      double seconds = (Math.min(System.nanoTime(), end) - start) / 1e9;
      return new Offered(packets, packets * pool.linesPerPacket(), counterLines, failed, seconds);
    } finally {
      for (DatagramChannel channel : channels) {
        if (channel != null) {
          channel.close();
        }
      }
    }
  }
}
