package dev.mosaic.collector.listener;

import dev.mosaic.collector.statsd.BadLineReason;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Gathers a drain request into one message of at most {@code maxBodyBytes}, and counts the larger
 * ones, which Netty answers with {@code 413}.
 *
 * <pre>
 * HttpServerCodec → BodySizeLimit → LogDrainHandler
 * </pre>
 */
final class BodySizeLimit extends HttpObjectAggregator {
  private final ListenerSink sink;

  BodySizeLimit(int maxBodyBytes, ListenerSink sink) {
    super(maxBodyBytes);
    this.sink = sink;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
      throws Exception {
    sink.meters().packets.increment();
    String what =
        oversized instanceof HttpRequest request
            ? request.method() + " " + request.uri()
            : "request";
    sink.badLine(BadLineReason.TOO_LONG, what + " with a body over the limit");
    super.handleOversizedMessage(ctx, oversized);
  }
}
