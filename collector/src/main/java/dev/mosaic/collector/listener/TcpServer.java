package dev.mosaic.collector.listener;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound server socket whose connections are all served by one event-loop thread, each with the
 * pipeline its listener builds.
 *
 * <pre>
 * TcpLineListener / LogDrainListener → TcpServer → (per connection) pipeline
 * </pre>
 *
 * <p>Uses native epoll where Netty can load it, NIO elsewhere.
 */
final class TcpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TcpServer.class);
  private static final long SHUTDOWN_TIMEOUT_MILLIS = 5_000;

  private final String description;
  private final InetSocketAddress address;
  private final Consumer<ChannelPipeline> connectionPipeline;
  private EventLoopGroup group;
  private Channel channel;

  /**
   * @param description names the listener in logs and its thread
   * @param connectionPipeline adds the handlers of one accepted connection
   */
  TcpServer(
      String description, InetSocketAddress address, Consumer<ChannelPipeline> connectionPipeline) {
    this.description = description;
    this.address = address;
    this.connectionPipeline = connectionPipeline;
  }

  synchronized int start() throws InterruptedException {
    if (group != null) {
      throw new IllegalStateException(description + " listener was already started");
    }
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerSocketChannel> channelType =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    group =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("mosaic-" + description.replace('/', '-')), io);
    channel =
        new ServerBootstrap()
            .group(group)
            .channel(channelType)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connectionPipeline.accept(ch.pipeline());
                  }
                })
            .bind(address)
            .sync()
            .channel();
    InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
    log.info("{} listening on tcp {} ({})", description, bound, epoll ? "epoll" : "nio");
    return bound.getPort();
  }

  /** Closes the server socket and every connection, then stops the event loop. Idempotent. */
  @Override
  public synchronized void close() {
    if (group == null) {
      return;
    }
    if (channel != null) {
      channel.close().syncUninterruptibly();
    }
    group
        .shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS + 1_000);
    group = null;
    channel = null;
  }
}
