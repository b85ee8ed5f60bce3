package dev.mosaic.collector.listener;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.logfmt.OctetCountedFrameSplitter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code POST /logs} log-drain requests: checks the credentials, parses the octet-counted
 * syslog frames of the body, and answers {@code 204} once they are handed on.
 *
 * <pre>
 * HttpServerCodec → BodySizeLimit → LogDrainHandler → OctetCountedFrameSplitter → ListenerSink
 * </pre>
 *
 * <p>Any other path is {@code 404}, any other method {@code 405}, wrong or missing credentials
 * {@code 401}, a request HTTP cannot decode {@code 400}. Shared by all connections.
 */
@Sharable
final class LogDrainHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(LogDrainHandler.class);
  static final String PATH = "/logs";

  private final OctetCountedFrameSplitter splitter;
  private final Optional<byte[]> expectedAuthorization;
  private final Clock clock;
  private final ListenerSink sink;
  private final ListenerMeters meters;
  private final LogThrottle errorLog;

  /**
   * @param expectedAuthorization the exact {@code Authorization} header value required, e.g. {@code
   *     Basic dXNlcjpwdw==}; empty: no authentication
   */
  LogDrainHandler(
      OctetCountedFrameSplitter splitter,
      Optional<String> expectedAuthorization,
      Clock clock,
      ListenerSink sink,
      LogThrottle errorLog) {
    this.splitter = splitter;
    this.expectedAuthorization =
        expectedAuthorization.map(value -> value.getBytes(StandardCharsets.UTF_8));
    this.clock = clock;
    this.sink = sink;
    this.meters = sink.meters();
    this.errorLog = errorLog;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, true);
      return;
    }
    String path = request.uri();
    int query = path.indexOf('?');
    if (!(query < 0 ? path : path.substring(0, query)).equals(PATH)) {
      respond(ctx, request, HttpResponseStatus.NOT_FOUND, false);
      return;
    }
    if (!request.method().equals(HttpMethod.POST)) {
      respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, false);
      return;
    }
    if (!authorized(request)) {
      respond(ctx, request, HttpResponseStatus.UNAUTHORIZED, false);
      return;
    }
    ByteBuf body = request.content();
    int size = body.readableBytes();
    meters.packet(size, false);
    byte[] bytes = ByteBufUtil.getBytes(body, body.readerIndex(), size, false);
    meters.lines(splitter.split(bytes, 0, size, clock.millis(), sink));
    respond(ctx, request, HttpResponseStatus.NO_CONTENT, false);
  }

  private boolean authorized(FullHttpRequest request) {
    if (expectedAuthorization.isEmpty()) {
      return true;
    }
    String given = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    // constant time, so the answer's timing does not reveal how much of a guess was right
    return given != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expectedAuthorization.get());
  }

  private static void respond(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      HttpResponseStatus status,
      boolean close) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
    if (status.equals(HttpResponseStatus.UNAUTHORIZED)) {
      response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"mosaic\"");
    } else if (status.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
      response.headers().set(HttpHeaderNames.ALLOW, "POST");
    }
    if (!status.equals(HttpResponseStatus.NO_CONTENT)) {
      HttpUtil.setContentLength(response, 0);
    }
    boolean keepAlive = !close && HttpUtil.isKeepAlive(request);
    HttpUtil.setKeepAlive(response, keepAlive);
    var written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      ctx.close(); // the peer went away; nothing to count
      return;
    }
    meters.errors.increment();
    if (errorLog.shouldLog()) {
      log.warn(
          "error in the log drain; it keeps running ({} more not logged)",
          errorLog.suppressedSinceLastLog(),
          cause);
    }
  }
}
