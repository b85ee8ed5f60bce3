package dev.mosaic.collector.listener;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes every connection accepted while {@code maxConnections} are already open.
 *
 * <pre>
 * accepted socket → ConnectionLimiter → ReadCounter → LineFrameDecoder → TcpLineHandler
 * </pre>
 *
 * <p>Shared by all connections of one listener; the count is atomic because child channels may sit
 * on different event loops.
 */
@Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
  private static final AttributeKey<Boolean> COUNTED =
      AttributeKey.valueOf(ConnectionLimiter.class, "counted");

  private final int maxConnections;
  private final ListenerMeters meters;
  private final AtomicInteger open = new AtomicInteger();

  ConnectionLimiter(int maxConnections, ListenerMeters meters) {
    this.maxConnections = maxConnections;
    this.meters = meters;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      meters.rejectedConnections.increment();
      ctx.close();
      return;
    }
    ctx.channel().attr(COUNTED).set(Boolean.TRUE);
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (ctx.channel().attr(COUNTED).getAndSet(null) != null) {
      open.decrementAndGet();
    }
    super.channelInactive(ctx);
  }

  int openConnections() {
    return open.get();
  }
}
