package dev.mosaic.collector.listener;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection that has sent nothing for the idle timeout, and counts it; every other event
 * passes on. One instance serves every connection of a listener.
 *
 * <pre>
 *   … → IdleStateHandler → IdleConnectionCloser → framing → handler
 * </pre>
 */
@ChannelHandler.Sharable
final class IdleConnectionCloser extends ChannelInboundHandlerAdapter {
  private final ListenerMeters meters;

  IdleConnectionCloser(ListenerMeters meters) {
    this.meters = meters;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      meters.idleClosed.increment();
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, event);
  }
}
