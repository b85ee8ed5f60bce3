package dev.mosaic.collector.listener;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The one place every listener chooses between native epoll and Java NIO, and stops its event loop,
 * so the UDP and TCP listeners cannot drift apart.
 */
enum NettyTransport {
  EPOLL(EpollDatagramChannel.class, EpollServerSocketChannel.class),
  NIO(NioDatagramChannel.class, NioServerSocketChannel.class);

  private static final long SHUTDOWN_TIMEOUT_MILLIS = 5_000;

  final Class<? extends DatagramChannel> datagramChannel;
  final Class<? extends ServerSocketChannel> serverChannel;

  NettyTransport(
      Class<? extends DatagramChannel> datagramChannel,
      Class<? extends ServerSocketChannel> serverChannel) {
    this.datagramChannel = datagramChannel;
    this.serverChannel = serverChannel;
  }

  /** Epoll where the native library loads (Linux x86_64), NIO elsewhere. */
  static NettyTransport best() {
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  /** A one-thread event loop of this transport, its thread named {@code threadName-…}. */
  EventLoopGroup newEventLoop(String threadName) {
    return newEventLoop(threadName, 1);
  }

  /** An event loop group of {@code threads} threads, named {@code threadName-…}. */
  EventLoopGroup newEventLoop(String threadName, int threads) {
    IoHandlerFactory io = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadName), io);
  }

  /** The name logged at start: {@code epoll} or {@code nio}. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Closes {@code channel} (if any), then stops {@code group}, waiting at most about 6 s. */
  static void shutdown(Channel channel, EventLoopGroup group) {
    shutdown(channel == null ? List.of() : List.of(channel), group);
  }

  /** Closes every channel, then stops {@code group}, waiting at most about 6 s. */
  static void shutdown(List<Channel> channels, EventLoopGroup group) {
    for (Channel channel : channels) {
      channel.close().syncUninterruptibly();
    }
    group
        .shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS + 1_000);
  }
}
