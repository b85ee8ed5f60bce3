package dev.mosaic.collector.listener;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Counts each read of a stream connection as a packet, and its bytes, before framing.
 *
 * <pre>
 * ConnectionLimiter → ReadCounter → LineFrameDecoder
 * </pre>
 */
@Sharable
final class ReadCounter extends ChannelInboundHandlerAdapter {
  private final ListenerMeters meters;

  ReadCounter(ListenerMeters meters) {
    this.meters = meters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buffer) {
      meters.packets.increment();
      meters.bytes.increment(buffer.readableBytes());
    }
    ctx.fireChannelRead(msg);
  }
}
