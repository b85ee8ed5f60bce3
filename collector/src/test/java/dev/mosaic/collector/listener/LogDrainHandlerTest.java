package dev.mosaic.collector.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.logfmt.LogfmtMetricParser;
import dev.mosaic.collector.logfmt.OctetCountedFrameSplitter;
import dev.mosaic.collector.testing.MutableClock;
import dev.mosaic.contract.MetricSample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The drain's HTTP pipeline in memory: raw request bytes in, raw response bytes out. */
class LogDrainHandlerTest {
  private static final long NOW = 1_700_000_000_500L;
  private static final String AUTH = "Basic YWxpY2U6c2VjcmV0"; // alice:secret
  private static final String BODY = "26 <134>1 - - - - - count#a=2";

  private final MutableClock clock = new MutableClock(NOW);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ListenerMeters meters = ListenerMeters.register(registry, "drain");
  private final List<MetricSample> received = new ArrayList<>();

  private EmbeddedChannel channel(Optional<String> authorization, int maxBodyBytes) {
    ListenerSink sink =
        new ListenerSink(
            "log drain",
            meters,
            new SeriesLimit(1000),
            received::add,
            new LogThrottle(clock, Duration.ofSeconds(10)));
    return new EmbeddedChannel(
        new HttpServerCodec(),
        new BodySizeLimit(maxBodyBytes, sink),
        new LogDrainHandler(
            new OctetCountedFrameSplitter(new LogfmtMetricParser()),
            authorization,
            clock,
            sink,
            new LogThrottle(clock, Duration.ofSeconds(10))));
  }

  private static String request(String method, String path, String headers, String body) {
    return method
        + " "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/logplex-1\r\n"
        + headers
        + "Content-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  /** Writes the request and returns the response's status line. */
  private static String exchange(EmbeddedChannel channel, String request) {
    channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.UTF_8));
    StringBuilder response = new StringBuilder();
    ByteBuf out;
    while ((out = channel.readOutbound()) != null) {
      response.append(out.toString(StandardCharsets.UTF_8));
      out.release();
    }
    return response.toString().lines().findFirst().orElse("");
  }

  private double counter(String name) {
    return registry.get("mosaic.collector.drain." + name).counter().count();
  }

  @Test
  void postToLogsIsAnswered204AndItsMetricsArrive() {
    EmbeddedChannel channel = channel(Optional.empty(), 1024);
    assertThat(exchange(channel, request("POST", "/logs", "", BODY + BODY)))
        .isEqualTo("HTTP/1.1 204 No Content");
    assertThat(received)
        .containsExactly(
            MetricSample.counter("a", 2, 1.0, NOW), MetricSample.counter("a", 2, 1.0, NOW));
    assertThat(counter("packets")).isEqualTo(1);
    assertThat(counter("bytes")).isEqualTo(58);
    assertThat(counter("lines")).isEqualTo(2);
    assertThat(channel.isOpen()).isTrue(); // HTTP/1.1 keep-alive
  }

  @Test
  void wrongPathOrMethodIsRefused() {
    EmbeddedChannel channel = channel(Optional.empty(), 1024);
    assertThat(exchange(channel, request("POST", "/other", "", BODY)))
        .isEqualTo("HTTP/1.1 404 Not Found");
    assertThat(exchange(channel, request("GET", "/logs", "", "")))
        .isEqualTo("HTTP/1.1 405 Method Not Allowed");
    assertThat(received).isEmpty();
  }

  @Test
  void credentialsAreRequiredWhenConfigured() {
    EmbeddedChannel channel = channel(Optional.of(AUTH), 1024);
    assertThat(exchange(channel, request("POST", "/logs", "", BODY)))
        .isEqualTo("HTTP/1.1 401 Unauthorized");
    assertThat(
            exchange(
                channel,
                request("POST", "/logs", "Authorization: Basic YWxpY2U6d3Jvbmc=\r\n", BODY)))
        .isEqualTo("HTTP/1.1 401 Unauthorized");
    assertThat(received).isEmpty();
    assertThat(exchange(channel, request("POST", "/logs", "Authorization: " + AUTH + "\r\n", BODY)))
        .isEqualTo("HTTP/1.1 204 No Content");
    assertThat(received).containsExactly(MetricSample.counter("a", 2, 1.0, NOW));
  }

  @Test
  void bodyOverTheLimitIsAnswered413AndCounted() {
    EmbeddedChannel channel = channel(Optional.empty(), 40);
    assertThat(exchange(channel, request("POST", "/logs", "", BODY + BODY)))
        .isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    assertThat(received).isEmpty();
    assertThat(
            registry
                .get("mosaic.collector.drain.bad_lines")
                .tag("reason", "too_long")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void brokenFramingIsCountedAndStillAnswered204() {
    EmbeddedChannel channel = channel(Optional.empty(), 1024);
    assertThat(exchange(channel, request("POST", "/logs", "", "garbage")))
        .isEqualTo("HTTP/1.1 204 No Content");
    assertThat(
            registry
                .get("mosaic.collector.drain.bad_lines")
                .tag("reason", "bad_frame")
                .counter()
                .count())
        .isEqualTo(1);
  }
}
