package dev.mosaic.bench.load;

import java.net.InetSocketAddress;

/**
 * Offers a {@link PacketPool}'s datagrams to one UDP port at a fixed rate, paced by schedule
 * (packet {@code i} is due at {@code start + i * period}; a late sender catches up), from several
 * source sockets so that a server using {@code SO_REUSEPORT} can spread them.
 *
 * <p>Two implementations, chosen with {@code --sender}: {@link PacedSender} ({@code channel}, one
 * {@code send} system call per datagram) and {@link EpollBatchSender} ({@code epoll}, one {@code
 * sendmmsg} per socket and millisecond). One step at a time: {@link #send} is not called
 * concurrently. {@link #close()} may be called twice.
 */
interface LoadSender extends AutoCloseable {
  /** {@code channel} or {@code epoll}, as given to {@code --sender}. */
  String name();

  /** Sends for {@code seconds} at {@code linesPerSecond} in total; returns what left. */
  Offered send(double linesPerSecond, double seconds) throws InterruptedException;

  @Override
  void close();

  /**
   * The sender {@code kind} ({@code epoll} or {@code channel}) with {@code threads} threads; {@code
   * epoll} where Netty's native library does not load falls back to {@code channel}, saying so.
   */
  static LoadSender open(String kind, PacketPool pool, InetSocketAddress target, int threads) {
    if (kind.equals("epoll")) {
      Throwable cause = EpollBatchSender.unavailabilityCause();
      if (cause == null) {
        return new EpollBatchSender(pool, target, threads);
      }
      System.out.println(
          "--sender=epoll is unavailable here (" + cause + "); using --sender=channel instead");
    }
    return new PacedSender(pool, target, threads);
  }
}
