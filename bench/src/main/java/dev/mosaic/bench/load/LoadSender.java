package dev.mosaic.bench.load;

import java.net.InetSocketAddress;

/**
 * Offers a {@link PacketPool}'s datagrams to one UDP port at a fixed rate, paced by schedule
 * (packet {@code i} is due at {@code start + i * period}; a late sender catches up), from several
 * source sockets so that a server using {@code SO_REUSEPORT} can spread them.
 *
 * <p>Two implementations (three senders), chosen with {@code --sender}: {@link PacedSender} ({@code
 * channel}, one {@code send} system call per datagram) and {@link EpollBatchSender} ({@code epoll},
 * one {@code sendmmsg} per socket and millisecond; {@code gso}, the same with up to 64 equal-size
 * datagrams per message, split by the kernel). One step at a time: {@link #send} is not called
 * concurrently. {@link #close()} may be called twice.
 */
interface LoadSender extends AutoCloseable {
  /** {@code channel}, {@code epoll} or {@code gso}, as given to {@code --sender}. */
  String name();

  /** Sends for {@code seconds} at {@code linesPerSecond} in total; returns what left. */
  Offered send(double linesPerSecond, double seconds) throws InterruptedException;

  @Override
  void close();

  /**
   * The sender {@code kind} ({@code epoll}, {@code gso} or {@code channel}) with {@code threads}
   * threads. Where it cannot run, the next one down is used, saying so: {@code gso} without {@code
   * UDP_SEGMENT} falls back to {@code epoll}, {@code epoll} without Netty's native library to
   * {@code channel}.
   */
  static LoadSender open(String kind, PacketPool pool, InetSocketAddress target, int threads) {
    if (kind.equals("gso")) {
      String cause = EpollBatchSender.gsoUnavailabilityCause();
      if (cause == null) {
        return EpollBatchSender.gso(pool, target, threads);
      }
      System.out.println("--sender=gso is unavailable here (" + cause + "); trying --sender=epoll");
      kind = "epoll";
    }
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
