package dev.mosaic.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.collector.CollectorService;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every collector input, each through the whole real pipeline to carbon: StatsD over TCP, a log
 * line over TCP, an HTTP log drain request, and DogStatsD tagged lines over UDP.
 *
 * <pre>
 * TCP / HTTP / UDP → collector → Kafka → aggregator → Kafka → storage bridge → CarbonLineServer
 * </pre>
 */
@ExtendWith(KafkaBrokerExtension.class)
class CollectorInputsEndToEndTest {
  private static final long INTERVAL_MILLIS = TestPipeline.INTERVAL_MILLIS;

  @Test
  void everyInputArrivesInCarbonUnderItsExactName(EmbeddedKafkaBroker kafka) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (CarbonLineServer carbon = new CarbonLineServer();
        MosaicStack stack =
            TestPipeline.start(kafka, carbon, meters, "--collector.drain.enabled=true")) {
      CollectorService collector = stack.service(CollectorService.class);
      HttpClient http = HttpClient.newHttpClient();
      URI drain = URI.create("http://127.0.0.1:" + collector.drainPort() + "/logs");
      // Warm the HTTP client and open the sockets first, so that every input is read within
      // the few milliseconds after the interval starts.
      assertThat(postDrain(http, drain, "no metric in this message")).isEqualTo(204);
      try (Socket statsdTcp = connect(collector.statsdPort());
          Socket logs = connect(collector.logsPort());
          DatagramSocket udp = new DatagramSocket()) {
        TestPipeline.awaitStartOfAnInterval();
        write(statsdTcp, "tcp.hits:2|c\ntcp.hits:1|c\ntcp.latency:15|ms\n");
        write(
            logs,
            "2024-05-01T10:00:00Z app[web.1]: at=info source=web measure#db.get=50ms"
                + " count#requests=2 sample#queue=7 status=200\n");
        assertThat(postDrain(http, drain, "measure#drain.get=4ms count#drain.requests=3"))
            .isEqualTo(204);
        send(
            udp,
            collector.statsdPort(),
            "dog.hits:3|c|#env:prod,canary\n"
                + "dog.hits:1|c|#env:dev|@0.5\n"
                + "dog.render:12|ms|#env:prod\n"
                + "dog.render:20|d|#env:prod\n");
      }

      Map<Long, Map<String, String>> byInterval =
          TestPipeline.awaitTwoIntervalsOf(carbon, "stats_counts.tcp.hits");
      List<Long> timestamps = List.copyOf(byInterval.keySet());
      Map<String, String> busy = byInterval.get(timestamps.get(0));
      Map<String, String> idle = byInterval.get(timestamps.get(1));

      // StatsD over TCP
      assertThat(busy)
          .containsEntry("stats_counts.tcp.hits", "3")
          .containsEntry("stats.tcp.hits", "1.5")
          .containsEntry("stats.timers.tcp.latency.count", "1")
          .containsEntry("stats.timers.tcp.latency.upper", "15");
      // l2met log line over TCP, names prefixed by its source
      assertThat(busy)
          .containsEntry("stats.timers.web.db.get.count", "1")
          .containsEntry("stats.timers.web.db.get.upper", "50")
          .containsEntry("stats_counts.web.requests", "2")
          .containsEntry("stats.gauges.web.queue", "7");
      // HTTP log drain
      assertThat(busy)
          .containsEntry("stats.timers.drain.get.upper", "4")
          .containsEntry("stats_counts.drain.requests", "3");
      // DogStatsD over UDP: tags sorted into a Graphite 1.1 tagged name after the whole path
      assertThat(busy)
          .containsEntry("stats_counts.dog.hits;canary=true;env=prod", "3")
          .containsEntry("stats.dog.hits;canary=true;env=prod", "1.5")
          .containsEntry("stats_counts.dog.hits;env=dev", "2")
          .containsEntry("stats.timers.dog.render.count;env=prod", "2")
          .containsEntry("stats.timers.dog.render.lower;env=prod", "12")
          .containsEntry("stats.timers.dog.render.upper;env=prod", "20")
          .containsEntry("stats.timers.dog.render.mean;env=prod", "16")
          .containsEntry("stats.timers.dog.render.upper_90;env=prod", "20");
      assertThat(busy.keySet()).noneMatch(name -> name.matches(".*dog\\.(hits|render)[^;]*"));
      assertThat(carbon.lines())
          .contains(
              "stats_counts.dog.hits;canary=true;env=prod 3 " + timestamps.get(0),
              "stats_counts.dog.hits;env=dev 0 " + timestamps.get(1));
      assertThat(idle)
          .containsEntry("stats_counts.tcp.hits", "0")
          .containsEntry("stats_counts.drain.requests", "0")
          .containsEntry("stats_counts.web.requests", "0")
          .containsEntry("stats.timers.dog.render.count;env=prod", "0")
          .containsEntry("stats.gauges.web.queue", "7");
    }
  }

  private static Socket connect(int port) throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), port);
  }

  private static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void send(DatagramSocket socket, int port, String payload) throws IOException {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
  }

  /** POSTs one octet-counted RFC 5424 frame carrying {@code message}, as Logplex does. */
  private static int postDrain(HttpClient http, URI drain, String message) throws Exception {
    String frame = "<134>1 2024-05-01T10:00:00+00:00 host app web.1 - " + message;
    String body = frame.getBytes(StandardCharsets.UTF_8).length + " " + frame;
    HttpRequest request =
        HttpRequest.newBuilder(drain)
            .header("Content-Type", "application/logplex-1")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
