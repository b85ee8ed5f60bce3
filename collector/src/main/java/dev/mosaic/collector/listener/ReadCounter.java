package dev.mosaic.collector.listener;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ByteProcessor;

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
      // Etsy StatsD hands a TCP chunk to its packet handler only when it completes a line.
      boolean etsyPacket =
          meters.countsStatsdPackets() && buffer.forEachByte(ByteProcessor.FIND_LF) >= 0;
      meters.packet(buffer.readableBytes(), etsyPacket);
    }
    ctx.fireChannelRead(msg);
  }
}
