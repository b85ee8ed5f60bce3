package dev.mosaic.collector.listener;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
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
    NettyTransport transport = NettyTransport.best();
    group = transport.newEventLoop("mosaic-" + description.replace('/', '-'));
    channel =
        new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel)
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
    log.info("{} listening on tcp {} ({})", description, bound, transport.label());
    return bound.getPort();
  }

  /** Closes the server socket and every connection, then stops the event loop. Idempotent. */
  @Override
  public synchronized void close() {
    if (group == null) {
      return;
    }
    NettyTransport.shutdown(channel, group);
    group = null;
    channel = null;
  }
}
