package dev.mosaic.collector.listener;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Frames a stream into lines at {@code \n} (a {@code \r} before it dropped), and also delivers an
 * unterminated last line when the client closes the connection.
 *
 * <pre>
 * ReadCounter → LineFrameDecoder → TcpLineHandler
 * </pre>
 *
 * <p>A line longer than {@code maxLineBytes} is reported as a {@link TooLongFrameException} as soon
 * as it passes the limit, then discarded up to its line break; the lines after it are framed as
 * usual.
 */
final class LineFrameDecoder extends LineBasedFrameDecoder {
  private final int maxLineBytes;

  LineFrameDecoder(int maxLineBytes) {
    super(maxLineBytes, true, true); // fail fast: each long line is reported once, at once
    this.maxLineBytes = maxLineBytes;
  }

  /** Clients such as {@code nc} may close without a final newline; that line still counts. */
  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws Exception {
    super.decodeLast(ctx, in, out);
    int rest = in.readableBytes();
    if (rest == 0) {
      return;
    }
    if (rest > maxLineBytes) {
      in.skipBytes(rest);
      throw new TooLongFrameException("last line of " + rest + " bytes exceeds " + maxLineBytes);
    }
    out.add(in.readRetainedSlice(rest));
  }
}
